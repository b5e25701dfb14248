using Facturo.Accounts;

namespace Facturo.Pages.Admin;

/// <summary>The account form as the new-account and edit pages post it; every value is text, checked by <see cref="AccountForm"/>.</summary>
public sealed class AccountInput
{
    public string? CustomerNumber { get; set; }
    public string? LegalName { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; } = Taxes.PlaceOfSupply.CanadaCode;
    public string? Region { get; set; }
    public string? PostalCode { get; set; }
    public string? Program { get; set; } = nameof(BillingProgram.Commercial);
    public string? CreditTerms { get; set; }
    public string? Currency { get; set; }
    public string? Language { get; set; }
    public string? BillingEmail { get; set; }
    public string? Delivery { get; set; } = nameof(DeliveryPreference.Electronic);

    public AccountForm ToForm() =>
        new(CustomerNumber, LegalName, AddressLine1, AddressLine2, City, Country, Region, PostalCode, Program, CreditTerms, Currency, Language, BillingEmail, Delivery);

    public static AccountInput Of(CustomerAccount account) => new()
    {
        CustomerNumber = account.CustomerNumber, LegalName = account.LegalName, AddressLine1 = account.AddressLine1, AddressLine2 = account.AddressLine2,
        City = account.City, Country = account.Country, Region = account.Region, PostalCode = account.PostalCode, Program = account.Program.ToString(),
        CreditTerms = account.CreditTermsDays.ToString(System.Globalization.CultureInfo.InvariantCulture), Currency = account.CurrencyCode,
        Language = account.Language.ToCode(), BillingEmail = account.BillingEmail, Delivery = account.Delivery.ToString(),
    };

    /// <summary>A field's name on the form and in messages, in the reader's language.</summary>
    public static string Label(AccountField field, Language language)
    {
        var (fr, en) = field switch
        {
            AccountField.CustomerNumber => ("Numéro de client", "Customer number"),
            AccountField.LegalName => ("Raison sociale", "Legal name"),
            AccountField.AddressLine1 => ("Adresse", "Address"),
            AccountField.AddressLine2 => ("Adresse (suite)", "Address (continued)"),
            AccountField.City => ("Ville", "City"),
            AccountField.Country => ("Pays (code ISO : CA, US…)", "Country (ISO code: CA, US…)"),
            AccountField.Region => ("Province ou État", "Province or state"),
            AccountField.PostalCode => ("Code postal", "Postal code"),
            AccountField.Program => ("Programme", "Program"),
            AccountField.CreditTerms => ("Modalités de crédit (jours, 0 : payable sur réception)", "Credit terms (days, 0: due on receipt)"),
            AccountField.Currency => ("Devise", "Currency"),
            AccountField.Language => ("Langue", "Language"),
            AccountField.BillingEmail => ("Courriel de facturation", "Billing email"),
            AccountField.Delivery => ("Mode de réception des factures", "Invoice delivery"),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };
        return language == Accounts.Language.Fr ? fr : en;
    }
}

/// <summary>What the shared account fields show: the values, each field's error in the reader's language, and the number rule.</summary>
public sealed record AccountFieldsView(AccountInput Input, IReadOnlyList<AccountFieldError> Errors, Language Language, string Prefixes, bool Editing)
{
    public string? ErrorOf(AccountField field) => Errors.FirstOrDefault(e => e.Field == field)?.Error.Message(Language);
}
