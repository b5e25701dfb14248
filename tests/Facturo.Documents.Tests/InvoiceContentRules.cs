using System.Globalization;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Taxes;

namespace Facturo.Documents.Tests;

/// <summary>
/// What an invoice must show so that a registered customer can claim its input tax credits (GST/HST) and input tax
/// refunds (QST), by the invoice's total, written from the published rules rather than from Facturo's code:
/// <list type="bullet">
/// <item>Input Tax Credit Information (GST/HST) Regulations, SOR/91-45, s. 2 ("status": exempt, zero-rated, or taxable and
/// not zero-rated) and s. 3 (https://laws-lois.justice.gc.ca/eng/regulations/SOR-91-45/), as the CRA summarises them in
/// Guide RC4022 "General Information for GST/HST Registrants", table "Information required on invoices", and GST/HST
/// Memorandum 8.4 "Documentary Requirements for Claiming Input Tax Credits": at every amount, the supplier's name, the
/// invoice date and the total; from the first threshold, also the supplier's GST/HST registration number, the GST/HST
/// charged (or a statement that it is included), and where the supplies differ, the status of each (taxed at the GST or
/// the HST rate, zero-rated, exempt); from the second threshold, also the recipient's name, the terms of payment and a
/// description sufficient to identify each supply.</item>
/// <item>Revenu Québec, "Preparing Invoices" (revenuquebec.ca, Businesses › Consumption taxes › GST/HST and QST ›
/// Collecting GST and QST › Preparing invoices): the same three tiers for the QST, with the QST charged required at
/// every amount and the supplier's GST and QST registration numbers from the first threshold.</item>
/// </list>
/// Thresholds: the regulations say $100 and $500 since 2021-04-20 (Budget 2021; $30 and $150 before). Issue 12 asks for
/// $30 and $100: lower thresholds ask more of each invoice, so holding every invoice to them also meets both versions of the law.
/// </summary>
internal static class InvoiceContentRules
{
    public static readonly Money FirstThreshold = Money.Cad(3_000);
    public static readonly Money SecondThreshold = Money.Cad(10_000);

    /// <summary>The abbreviations the Translation Bureau recommends (Clés de la rédaction, "Provinces et territoires du Canada").</summary>
    private static readonly Dictionary<Province, string> FrenchAbbreviations = new()
    {
        [Province.AB] = "Alb.", [Province.BC] = "C.-B.", [Province.PE] = "Î.-P.-É.", [Province.MB] = "Man.", [Province.NB] = "N.-B.",
        [Province.NS] = "N.-É.", [Province.NU] = "Nt", [Province.ON] = "Ont.", [Province.QC] = "Qc", [Province.SK] = "Sask.",
        [Province.NL] = "T.-N.-L.", [Province.NT] = "T.N.-O.", [Province.YT] = "Yn",
    };

    /// <summary>What <paramref name="text"/> (the document read back as words) lacks of what the rules require; empty when it complies.</summary>
    public static IReadOnlyList<string> Missing(InvoicePdfModel invoice, string text, DocumentLanguage language)
    {
        var french = language == DocumentLanguage.French;
        var culture = CultureInfo.GetCultureInfo(french ? "fr-CA" : "en-CA");
        var words = InvoiceText.For(language);
        var total = invoice.Total.Cents;
        var required = new List<(string Rule, string Expected)>
        {
            ("supplier's name", invoice.BillerLegalName),
            ("invoice date", $"{words.Labelled(words.IssueDate)} {words.FormatDate(invoice.IssueDate)}"),
            ("total", $"{words.Total} {invoice.Total.Format(culture)}"),
        };
        // Revenu Québec: the QST charged at every amount.
        required.AddRange(invoice.Taxes.Where(t => t.Kind == TaxKind.Qst).Select(t => ("QST charged", TaxRow(invoice, t, french, culture))));
        if (total >= FirstThreshold.Cents)
        {
            required.Add(("GST/HST registration number", invoice.BillerGstHstNumber));
            if (invoice.Taxes.Any(t => t.Kind == TaxKind.Qst))
            {
                required.Add(("QST registration number", invoice.BillerQstNumber ?? "(none)"));
            }
            required.AddRange(invoice.Taxes.Select(t => ("tax charged, by rate", TaxRow(invoice, t, french, culture))));
            required.AddRange(ZeroRated(invoice, french, culture).Select(row => ("zero-rated supplies", row)));
            if (invoice.Lines.Select(l => Status(l.Taxation) + l.Taxation.PlaceOfSupply.Code).Distinct().Count() > 1)
            {
                required.Add(("legend of the status codes", french ? "Taxes par ligne :" : "Taxes by line:"));
                required.AddRange(invoice.Lines.Select(l => ("status of each supply", Row(invoice, l, french, culture, withStatus: true))));
            }
            required.AddRange(invoice.Lines.SelectMany(l => l.Taxation.ExemptionCertificates).Distinct().Select(c => ("exemption certificate", c)));
        }
        if (total >= SecondThreshold.Cents)
        {
            required.Add(("recipient's name", invoice.CustomerLegalName));
            required.Add(("terms of payment", Terms(invoice, french)));
            var statusShown = invoice.Lines.Select(l => Status(l.Taxation) + l.Taxation.PlaceOfSupply.Code).Distinct().Count() > 1;
            required.AddRange(invoice.Lines.Select(l => ("description of each supply", Row(invoice, l, french, culture, statusShown))));
        }
        return required.Where(r => !text.Contains(PdfReading.Spaces(r.Expected), StringComparison.Ordinal))
            .Select(r => $"{invoice.InvoiceNumber} ({invoice.Total}, {language}): {r.Rule} \"{r.Expected}\" not found")
            .ToList();
    }

    /// <summary>"TVH 14 % (N.-É.) sur 120,00 $ 16,80 $": the tax, its rate, its province, the amount it is on when not every line bears it, the tax.</summary>
    public static string TaxRow(InvoicePdfModel invoice, TaxAmount tax, bool french, CultureInfo culture)
    {
        var name = (tax.Kind, french) switch
        {
            (TaxKind.Gst, true) => "TPS", (TaxKind.Hst, true) => "TVH", (TaxKind.Qst, true) => "TVQ", (TaxKind.Pst, true) => "TVP",
            _ => tax.Kind.ToString().ToUpperInvariant(),
        };
        var rate = (tax.Rate * 100m).ToString("0.###", culture) + (french ? " %" : "%");
        var province = tax.Kind is TaxKind.Hst or TaxKind.Pst && tax.Province is { } p ? $" ({(french ? FrenchAbbreviations[p] : p.ToString())})" : "";
        var on = tax.Base == invoice.Subtotal ? "" : (french ? " sur " : " on ") + tax.Base.Format(culture);
        return $"{name} {rate}{province}{on} {tax.Amount.Format(culture)}";
    }

    /// <summary>One row per reason: "Détaxé : fret exporté, sur 250,00 $ 0,00 $".</summary>
    public static IEnumerable<string> ZeroRated(InvoicePdfModel invoice, bool french, CultureInfo culture) =>
        invoice.Lines.Where(l => l.Taxation.OutsideCanada is not null)
            .GroupBy(l => l.Taxation.OutsideCanada!.Value)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var on = Money.Sum(g.Select(l => l.Amount), invoice.Subtotal.Currency).Format(culture);
                var zero = Money.Zero(invoice.Subtotal.Currency).Format(culture);
                return (g.Key, french) switch
                {
                    (OutsideCanadaReason.ExportedFreight, true) => $"Détaxé : fret exporté, sur {on} {zero}",
                    (OutsideCanadaReason.ServiceToNonResident, true) => $"Détaxé : service à un non-résident, sur {on} {zero}",
                    (OutsideCanadaReason.PropertyOutsideCanada, true) => $"Fourni hors du Canada, sur {on} {zero}",
                    (OutsideCanadaReason.ExportedFreight, false) => $"Zero-rated: exported freight, on {on} {zero}",
                    (OutsideCanadaReason.ServiceToNonResident, false) => $"Zero-rated: service to a non-resident, on {on} {zero}",
                    _ => $"Supplied outside Canada, on {on} {zero}",
                };
            });

    /// <summary>
    /// The line as read across the table: number, description (the paper fee has none of its own), quantity, unit price,
    /// amount, then its status code when the lines differ, then where it went when not to the customer's address, and
    /// the exemption certificates that relieved it.
    /// </summary>
    public static string Row(InvoicePdfModel invoice, InvoicePdfLine line, bool french, CultureInfo culture, bool withStatus)
    {
        var description = line.Description.Length > 0 ? line.Description
            : line.Category == ChargeCategory.PaperFee ? (french ? "Frais de facture papier" : "Paper invoice fee")
            : throw new InvalidOperationException("Generated charges always have a description.");
        var row = $"{line.LineNumber} {description} {line.Quantity.ToString("#,##0.###", culture)} {line.UnitPrice.Format(culture)} {line.Amount.Format(culture)}";
        if (withStatus)
        {
            row += " " + Status(line.Taxation);
        }
        if (line.Taxation.PlaceOfSupply != invoice.CustomerPlace)
        {
            var place = line.Taxation.PlaceOfSupply;
            var where = place.Province is { } p ? (french ? FrenchAbbreviations[p] : p.ToString())
                : place.Country == "US" ? (french ? "États-Unis" : "United States") : place.Country;
            row += french ? $" Destination : {where}" : $" Destination: {where}";
        }
        if (line.Taxation.ExemptionCertificates.Count > 0)
        {
            row += (french ? " Certificat d’exemption n° " : " Exemption certificate No. ") + string.Join(", ", line.Taxation.ExemptionCertificates);
        }
        return row;
    }

    /// <summary>
    /// The status code of a line, as the legend explains it: G (GST), H (HST), Q (QST), P (PST) for each tax it bears;
    /// Z zero-rated, X supplied outside Canada; E relieved by an exemption certificate; N no tax at all.
    /// </summary>
    public static string Status(LineTaxation taxation)
    {
        var codes = string.Concat(taxation.Taxes.Select(t => t.Kind).Distinct().Order().Select(k => k switch
        {
            TaxKind.Gst => "G", TaxKind.Hst => "H", TaxKind.Qst => "Q", _ => "P",
        }));
        codes += taxation.OutsideCanada switch
        {
            null => "",
            OutsideCanadaReason.PropertyOutsideCanada => "X",
            _ => "Z",
        };
        codes += taxation.ExemptionCertificates.Count > 0 ? "E" : "";
        return codes.Length > 0 ? codes : "N";
    }

    /// <summary>"Conditions de paiement : net 30 jours" / "Terms: Net 30 days"; "payable sur réception" / "Due on receipt" when due the day of the invoice.</summary>
    public static string Terms(InvoicePdfModel invoice, bool french)
    {
        var days = invoice.DueDate.DayNumber - invoice.IssueDate.DayNumber;
        return (days, french) switch
        {
            (0, true) => "Conditions de paiement : payable sur réception",
            (0, false) => "Terms: Due on receipt",
            (_, true) => $"Conditions de paiement : net {days} jours",
            _ => $"Terms: Net {days} days",
        };
    }
}
