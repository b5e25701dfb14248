using Facturo.Data;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Accounts;

/// <summary>A field of the account form and what is wrong with it, ready to read in the person's language.</summary>
public sealed record AccountFieldError(AccountField Field, UserError Error);

/// <summary>The biller's rules an account form is checked against: its customer-number prefixes and what a left-out value becomes.</summary>
public sealed record AccountRules(EBillingPrefixes Prefixes, AccountDefaults Defaults)
{
    public static AccountRules Of(BillerSettings biller) =>
        new(biller.EBillingPrefixes, new AccountDefaults(new CreditTerms(biller.DefaultCreditTermsDays), Currency.Parse(biller.CurrencyCode)));

    public static async Task<Outcome<AccountRules>> LoadAsync(FacturoDbContext db, CancellationToken cancellationToken) =>
        await db.SetUpBillerAsync(cancellationToken) is { Succeeded: true } biller ? Of(biller.Value!) : UserError.Conflict("biller.not-set-up");

    /// <summary>Every problem of the form as a message with its arguments; the details when there is none.</summary>
    public IReadOnlyList<AccountFieldError> Check(AccountForm form, out AccountDetails? details) =>
        form.Check(Prefixes, Defaults, out details).Select(p => new AccountFieldError(p.Field, ErrorOf(p, form))).ToList();

    private UserError ErrorOf(AccountProblem problem, AccountForm form) => problem.Code switch
    {
        "account.number-prefix" => UserError.Validation(problem.Code, problem.Typed, Prefixes.AllowedBeginnings),
        "address.region" or "address.postal-code" => UserError.Validation(problem.Code, string.IsNullOrWhiteSpace(form.Country) ? Taxes.PlaceOfSupply.CanadaCode : form.Country.Trim().ToUpperInvariant()),
        _ => UserError.Validation(problem.Code, problem.Typed),
    };
}

/// <summary>Writes checked details onto an account, and shows an account's details as the audit log keeps them.</summary>
public static class AccountDetailsWriting
{
    public static void Apply(this CustomerAccount account, AccountDetails details)
    {
        account.LegalName = details.LegalName;
        account.MoveTo(details.Address);
        (account.Program, account.CreditTermsDays, account.CurrencyCode) = (details.Program, details.CreditTerms.Days, details.Currency.Code);
        (account.Language, account.BillingEmail, account.Delivery) = (details.Language, details.BillingEmail, details.Delivery);
    }

    /// <summary>Field by field, as the import file and the audit log name them.</summary>
    public static SortedDictionary<string, string> Fields(this CustomerAccount account) => new(StringComparer.Ordinal)
    {
        ["customer_number"] = account.CustomerNumber,
        ["legal_name"] = account.LegalName,
        ["address_line1"] = account.AddressLine1,
        ["address_line2"] = account.AddressLine2 ?? "",
        ["city"] = account.City,
        ["country"] = account.Country,
        ["region"] = account.Region,
        ["postal_code"] = account.PostalCode,
        ["program"] = account.Program.ToString(),
        ["credit_terms_days"] = account.CreditTermsDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["currency"] = account.CurrencyCode,
        ["language"] = account.Language.ToCode(),
        ["billing_email"] = account.BillingEmail,
        ["delivery"] = account.Delivery.ToString(),
    };

    /// <summary>Checked details field by field, as <see cref="Fields(CustomerAccount)"/> shows an account that has them.</summary>
    public static SortedDictionary<string, string> Fields(AccountDetails details)
    {
        var account = new CustomerAccount { CustomerNumber = details.Number.Value, LegalName = "", AddressLine1 = "", City = "", Region = "", PostalCode = "", BillingEmail = "" };
        account.Apply(details);
        return account.Fields();
    }

    /// <summary>The fields that differ, before and after: what an edit or an import line changes.</summary>
    public static (SortedDictionary<string, string> Before, SortedDictionary<string, string> After) Differences(SortedDictionary<string, string> before, SortedDictionary<string, string> after)
    {
        var changed = before.Keys.Where(k => before[k] != after[k]).ToList();
        return (new(changed.ToDictionary(k => k, k => before[k]), StringComparer.Ordinal), new(changed.ToDictionary(k => k, k => after[k]), StringComparer.Ordinal));
    }

    /// <summary>A unique index refused the row: on SQLite a constraint error, on PostgreSQL 23505.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
            or Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
}
