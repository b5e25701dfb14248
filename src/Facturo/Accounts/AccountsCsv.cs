using System.Globalization;
using System.Text;
using CsvHelper;
using Facturo.Platform;

namespace Facturo.Accounts;

/// <summary>One account line of an import file: where it starts in the file, and what it says.</summary>
public sealed record CsvAccountLine(int Line, AccountForm Form);

/// <summary>Something wrong in an import file: the line (0 for the file as a whole), the column as the file names it, and why.</summary>
public sealed record ImportProblem(int Line, string Column, UserError Error);

/// <summary>An import file read: its lines, what is wrong with its shape, and each field's column as the file's header names it.</summary>
public sealed record CsvAccounts(IReadOnlyList<CsvAccountLine> Lines, IReadOnlyList<ImportProblem> Problems, IReadOnlyDictionary<AccountField, string> Columns)
{
    public string ColumnOf(AccountField field) => Columns.TryGetValue(field, out var column) ? column : AccountsCsv.EnglishNames[field];
}

/// <summary>
/// The export of a biller's old system, as docs/customer-import.md describes it: a header line naming the columns in
/// English or French, then one account per line; UTF-8 with or without a byte-order mark, or Windows-1252 as older
/// Windows programs write; fields separated by commas or semicolons (French-language Excel uses semicolons), quoted
/// when they hold a separator, a quote or a line break.
/// </summary>
public static class AccountsCsv
{
    public static readonly IReadOnlyDictionary<AccountField, string> EnglishNames = new Dictionary<AccountField, string>
    {
        [AccountField.CustomerNumber] = "customer_number", [AccountField.LegalName] = "legal_name", [AccountField.AddressLine1] = "address_line1",
        [AccountField.AddressLine2] = "address_line2", [AccountField.City] = "city", [AccountField.Country] = "country", [AccountField.Region] = "region",
        [AccountField.PostalCode] = "postal_code", [AccountField.Program] = "program", [AccountField.CreditTerms] = "credit_terms_days",
        [AccountField.Currency] = "currency", [AccountField.Language] = "language", [AccountField.BillingEmail] = "billing_email", [AccountField.Delivery] = "delivery",
    };

    public static readonly IReadOnlyDictionary<AccountField, string> FrenchNames = new Dictionary<AccountField, string>
    {
        [AccountField.CustomerNumber] = "numero_client", [AccountField.LegalName] = "raison_sociale", [AccountField.AddressLine1] = "adresse_ligne1",
        [AccountField.AddressLine2] = "adresse_ligne2", [AccountField.City] = "ville", [AccountField.Country] = "pays", [AccountField.Region] = "region",
        [AccountField.PostalCode] = "code_postal", [AccountField.Program] = "programme", [AccountField.CreditTerms] = "modalites_credit_jours",
        [AccountField.Currency] = "devise", [AccountField.Language] = "langue", [AccountField.BillingEmail] = "courriel_facturation", [AccountField.Delivery] = "mode_reception",
    };

    /// <summary>Columns every file has; the others may be left out and take the defaults <see cref="AccountForm"/> gives.</summary>
    public static readonly IReadOnlyList<AccountField> Required =
        [AccountField.CustomerNumber, AccountField.LegalName, AccountField.AddressLine1, AccountField.City, AccountField.Region, AccountField.PostalCode, AccountField.Language, AccountField.BillingEmail];

    // Headers are compared folded (lower case, no accents, letters and digits only), so "Numéro client", "NUMERO_CLIENT" and "numero-client"
    // are one column; "region" is the same word in both languages.
    private static readonly Dictionary<string, AccountField> ByFoldedHeader = EnglishNames.Concat(FrenchNames)
        .Concat([new(AccountField.Region, "province"), new(AccountField.CustomerNumber, "numero_de_client"), new(AccountField.CreditTerms, "credit_terms"),
            new(AccountField.BillingEmail, "courriel_de_facturation"), new(AccountField.Delivery, "mode_de_reception"), new(AccountField.AddressLine1, "adresse")])
        .DistinctBy(pair => Fold(pair.Value)).ToDictionary(pair => Fold(pair.Value), pair => pair.Key);

    public static CsvAccounts Read(byte[] content)
    {
        var text = Decode(content);
        var problems = new List<ImportProblem>();
        var lines = new List<CsvAccountLine>();
        var columns = new Dictionary<AccountField, string>();
        var options = CsvReaderOptions.Default with
        {
            Separator = SeparatorOf(text),
            HasHeader = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            // A stray quote inside an unquoted field is kept as typed; a real problem then shows as a wrong field count or value.
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var reader = CsvReader.Create(new StringReader(text), options);
        var header = reader.Headers.ToArray();
        if (header.Length == 0)
        {
            return new CsvAccounts([], [new ImportProblem(0, "", UserError.Validation("import.empty"))], columns);
        }
        var fieldAt = new AccountField?[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (!ByFoldedHeader.TryGetValue(Fold(name), out var field))
            {
                problems.Add(new ImportProblem(1, name, UserError.Validation("import.column-unknown", name, string.Join(", ", EnglishNames.Values))));
            }
            else if (!columns.TryAdd(field, name))
            {
                problems.Add(new ImportProblem(1, name, UserError.Validation("import.column-twice", name)));
            }
            else
            {
                fieldAt[i] = field;
            }
        }
        foreach (var missing in Required.Where(f => !columns.ContainsKey(f)))
        {
            problems.Add(new ImportProblem(1, EnglishNames[missing], UserError.Validation("import.column-missing", $"{EnglishNames[missing]} / {FrenchNames[missing]}")));
        }
        if (problems.Count > 0)
        {
            return new CsvAccounts([], problems, columns);
        }
        while (reader.Read())
        {
            var record = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
            var line = checked((int)reader.LineNumber);
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (record.Length != header.Length)
            {
                problems.Add(new ImportProblem(line, "", UserError.Validation("import.field-count", record.Length, header.Length)));
                continue;
            }
            var values = new Dictionary<AccountField, string>();
            for (var i = 0; i < record.Length; i++)
            {
                if (fieldAt[i] is { } field)
                {
                    values[field] = record[i];
                }
            }
            string? Value(AccountField field) => values.GetValueOrDefault(field);
            lines.Add(new CsvAccountLine(line, new AccountForm(Value(AccountField.CustomerNumber), Value(AccountField.LegalName), Value(AccountField.AddressLine1),
                Value(AccountField.AddressLine2), Value(AccountField.City), Value(AccountField.Country), Value(AccountField.Region), Value(AccountField.PostalCode),
                Value(AccountField.Program), Value(AccountField.CreditTerms), Value(AccountField.Currency), Value(AccountField.Language),
                Value(AccountField.BillingEmail), Value(AccountField.Delivery))));
        }
        if (lines.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ImportProblem(0, "", UserError.Validation("import.empty")));
        }
        return new CsvAccounts(lines, problems, columns);
    }

    /// <summary>
    /// UTF-8 when the bytes are UTF-8 (with or without the byte-order mark Excel writes); otherwise Windows-1252, which is
    /// what older Windows programs export: its bytes are never valid UTF-8 once an accented letter appears.
    /// </summary>
    public static string Decode(byte[] content)
    {
        if (content is [0xEF, 0xBB, 0xBF, ..])
        {
            return new UTF8Encoding(false, true).GetString(content, 3, content.Length - 3);
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(content);
        }
    }

    /// <summary>The separator the header line uses most, outside quotes: a comma or a semicolon.</summary>
    private static char SeparatorOf(string text)
    {
        var (commas, semicolons, quoted) = (0, 0, false);
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static string Fold(string header) =>
        new(header.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD).Where(char.IsAsciiLetterOrDigit).ToArray());
}
