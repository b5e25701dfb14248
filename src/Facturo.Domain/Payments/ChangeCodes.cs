namespace Facturo.Payments;

/// <summary>
/// What a NACHA notification of change (addenda 98) asks the originator to correct before the next
/// debit, change codes C01–C13 (NACHA Operating Rules, as moov-io/ach's addenda98.go lists them).
/// </summary>
public static class ChangeCodes
{
    private static readonly Dictionary<string, (string Fr, string En)> Texts = new()
    {
        ["C01"] = ("numéro de compte erroné", "incorrect account number"),
        ["C02"] = ("numéro d'acheminement erroné", "incorrect routing number"),
        ["C03"] = ("numéro d'acheminement et numéro de compte erronés", "incorrect routing number and account number"),
        ["C04"] = ("nom du titulaire erroné", "incorrect individual or receiving company name"),
        ["C05"] = ("code de transaction erroné (chèques ou épargne)", "incorrect transaction code (checking or savings)"),
        ["C06"] = ("numéro de compte et code de transaction erronés", "incorrect account number and transaction code"),
        ["C07"] = ("numéro d'acheminement, numéro de compte et code de transaction erronés", "incorrect routing number, account number and transaction code"),
        ["C08"] = ("identification de la banque étrangère erronée", "incorrect foreign receiving bank identification"),
        ["C09"] = ("numéro d'identification erroné", "incorrect individual identification number"),
        ["C10"] = ("nom de l'entreprise émettrice erroné", "incorrect company name"),
        ["C11"] = ("identification de l'entreprise émettrice erronée", "incorrect company identification"),
        ["C12"] = ("nom et identification de l'entreprise émettrice erronés", "incorrect company name and company identification"),
        ["C13"] = ("format de l'enregistrement complémentaire erroné", "addenda format error"),
    };

    /// <summary>
    /// The corrected data as staff may read it: account numbers masked to their last four digits, as
    /// everywhere else (C01 account; C03 routing, 3 spaces, account; C06 account, transaction code; C07
    /// routing, account, transaction code), the rest (routing, name, transaction code) as sent.
    /// </summary>
    public static string Shown(string code, string correctedData)
    {
        static string Masked(string account) => account.Trim() is { Length: > 4 } number ? $"••••{number[^4..]}" : "••••";
        string Part(int start, int length) => correctedData.PadRight(29).Substring(start, length).Trim();
        return code switch
        {
            "C01" => Masked(Part(0, 17)),
            "C03" => $"{Part(0, 9)} / {Masked(Part(12, 17))}",
            "C06" => $"{Masked(Part(0, 17))} / {Part(17, 2)}",
            "C07" => $"{Part(0, 9)} / {Masked(Part(9, 17))} / {Part(26, 2)}",
            _ => correctedData.Trim(),
        };
    }

    public static bool IsKnown(string code) => Texts.ContainsKey(code);

    public static string Describe(string code, bool french) =>
        Texts.TryGetValue(code, out var text) ? (french ? text.Fr : text.En) : (french ? $"changement {code}" : $"change {code}");
}
