namespace Facturo.Accounts;

/// <summary>The parts of a customer account a person types, in the order the form and the import file give them.</summary>
public enum AccountField
{
    CustomerNumber,
    LegalName,
    AddressLine1,
    AddressLine2,
    City,
    Country,
    Region,
    PostalCode,
    Program,
    CreditTerms,
    Currency,
    Language,
    BillingEmail,
    Delivery,
}

/// <summary>One thing wrong with one field: a stable code (its message lives with the host) and the text that was typed.</summary>
public sealed record AccountProblem(AccountField Field, string Code, string Typed);

/// <summary>What an account starts with when the form or the file leaves a value out: the biller's terms and currency.</summary>
public sealed record AccountDefaults(CreditTerms CreditTerms, Currency Currency);

/// <summary>A customer account's details, each checked and written the one way it is kept.</summary>
public sealed record AccountDetails(
    CustomerNumber Number,
    string LegalName,
    PostalAddress Address,
    BillingProgram Program,
    CreditTerms CreditTerms,
    Currency Currency,
    Language Language,
    string BillingEmail,
    DeliveryPreference Delivery);

/// <summary>
/// A customer account as typed in the back office or read from a line of an import file. <see cref="Check"/> says
/// everything wrong at once, field by field, and gives the details only when nothing is. Left empty: the second address
/// line and the billing email stay empty (an account without email gets paper), the country is Canada, the program
/// commercial, the delivery electronic, and the terms and currency the biller's.
/// </summary>
public sealed record AccountForm(
    string? CustomerNumber,
    string? LegalName,
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? Country,
    string? Region,
    string? PostalCode,
    string? Program,
    string? CreditTerms,
    string? Currency,
    string? Language,
    string? BillingEmail,
    string? Delivery)
{
    public IReadOnlyList<AccountProblem> Check(EBillingPrefixes prefixes, AccountDefaults defaults, out AccountDetails? details)
    {
        details = null;
        var problems = new List<AccountProblem>();
        void Refuse(AccountField field, string code, string? typed) => problems.Add(new AccountProblem(field, code, typed?.Trim() ?? ""));

        Accounts.CustomerNumber? number = null;
        if (!Accounts.CustomerNumber.TryParse(CustomerNumber, out number))
        {
            Refuse(AccountField.CustomerNumber, "account.number", CustomerNumber);
        }
        else if (!prefixes.Covers(number.Value))
        {
            Refuse(AccountField.CustomerNumber, "account.number-prefix", number.Value.Value);
        }
        if (!Accounts.LegalName.TryParse(LegalName, out var legalName))
        {
            Refuse(AccountField.LegalName, "admin.legal-name", LegalName);
        }
        var country = Empty(Country) ? Taxes.PlaceOfSupply.CanadaCode : Country!;
        if (!PostalAddress.TryCreate(AddressLine1, AddressLine2, City, country, Region, PostalCode, out var address, out var addressProblem))
        {
            foreach (var (field, typed) in AddressFields(addressProblem))
            {
                Refuse(field, addressProblem, typed);
            }
            // A missing street says nothing of the postal code: check the rest of the address as if the street were there.
            if (addressProblem == "address.incomplete" && !PostalAddress.TryCreate("-", null, "-", country, Region, PostalCode, out _, out var further))
            {
                foreach (var (field, typed) in AddressFields(further))
                {
                    Refuse(field, further, typed);
                }
            }
        }
        var program = BillingProgram.Commercial;
        if (!Empty(Program) && !AccountChoices.TryParseProgram(Program, out program))
        {
            Refuse(AccountField.Program, "account.program", Program);
        }
        var terms = defaults.CreditTerms;
        if (!Empty(CreditTerms) && !Accounts.CreditTerms.TryParse(CreditTerms, out terms))
        {
            Refuse(AccountField.CreditTerms, "account.credit-terms", CreditTerms);
        }
        var currency = defaults.Currency;
        if (!Empty(Currency) && !Facturo.Currency.TryParse(Currency, out currency))
        {
            Refuse(AccountField.Currency, "account.currency", Currency);
        }
        if (!AccountChoices.TryParseLanguage(Language, out var language))
        {
            Refuse(AccountField.Language, "account.language", Language);
        }
        var email = BillingEmail?.Trim() ?? "";
        if (email.Length > 0 && !EmailAddress.IsValid(email))
        {
            Refuse(AccountField.BillingEmail, "account.billing-email", BillingEmail);
        }
        var delivery = DeliveryPreference.Electronic;
        if (!Empty(Delivery) && !AccountChoices.TryParseDelivery(Delivery, out delivery))
        {
            Refuse(AccountField.Delivery, "account.delivery", Delivery);
        }
        if (problems.Count == 0)
        {
            details = new AccountDetails(number!.Value, legalName!, address!, program, terms, currency, language, email, delivery);
        }
        return problems;
    }

    /// <summary>The fields an address problem is about, so the person is pointed at what to fix.</summary>
    private IEnumerable<(AccountField Field, string? Typed)> AddressFields(string problem) => problem switch
    {
        "address.country" => [(AccountField.Country, Country)],
        "address.region" => [(AccountField.Region, Region)],
        "address.postal-code" => [(AccountField.PostalCode, PostalCode)],
        _ => new (AccountField, string?)[] { (AccountField.AddressLine1, AddressLine1), (AccountField.AddressLine2, AddressLine2), (AccountField.City, City) }
            .Where(f => Empty(f.Item2) && f.Item1 != AccountField.AddressLine2 || f.Item2 is { } text && text.Trim().Length > (f.Item1 == AccountField.City ? PostalAddress.MaxCityLength : PostalAddress.MaxLineLength)),
    };

    private static bool Empty(string? text) => string.IsNullOrWhiteSpace(text);
}
