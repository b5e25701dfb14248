namespace Facturo.Accounts;

public enum Language { Fr, En }

public enum BillingProgram
{
    /// <summary>An agreement with on-account billing, monthly invoices and credit terms.</summary>
    Commercial,
    /// <summary>Pays every order when it is created; no on-account billing; a monthly statement of charges.</summary>
    SmallBusiness,
}

public enum DeliveryPreference { Electronic, Paper }

public enum AccountStatus { Active, Cancelled }

public static class LanguageCodes
{
    public static string ToCode(this Language language) => language == Language.Fr ? "fr" : "en";

    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "fr" or "fr-ca": language = Language.Fr; return true;
            case "en" or "en-ca": language = Language.En; return true;
            default: language = default; return false;
        }
    }
}
