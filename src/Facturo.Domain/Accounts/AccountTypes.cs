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

/// <summary>
/// The words an old system's export or a person uses for an account's program, delivery and language, in English or
/// French, in any case, with or without accents, spaces, hyphens or underscores: "Small business", "petite-entreprise",
/// "Électronique", "PAPER", "Français", "en-CA".
/// </summary>
public static class AccountChoices
{
    public static bool TryParseProgram(string? text, out BillingProgram program)
    {
        (var known, program) = Folded(text) switch
        {
            "commercial" => (true, BillingProgram.Commercial),
            "smallbusiness" or "petiteentreprise" => (true, BillingProgram.SmallBusiness),
            _ => (false, default),
        };
        return known;
    }

    public static bool TryParseDelivery(string? text, out DeliveryPreference delivery)
    {
        (var known, delivery) = Folded(text) switch
        {
            "electronic" or "electronique" or "email" or "courriel" => (true, DeliveryPreference.Electronic),
            "paper" or "papier" => (true, DeliveryPreference.Paper),
            _ => (false, default),
        };
        return known;
    }

    public static bool TryParseLanguage(string? text, out Language language)
    {
        (var known, language) = Folded(text) switch
        {
            "fr" or "frca" or "francais" or "french" => (true, Language.Fr),
            "en" or "enca" or "anglais" or "english" => (true, Language.En),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>Lower case, without accents and without the separators people put between words.</summary>
    internal static string Folded(string? text)
    {
        var decomposed = (text ?? "").Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        return new string(decomposed.Where(c => char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && c is not (' ' or '-' or '_')).ToArray());
    }
}
