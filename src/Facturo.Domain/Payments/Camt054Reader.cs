using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Facturo.Payments;

/// <summary>
/// A payment the bank booked to the biller's account: one per transaction of a credit entry (a batch deposit holds
/// several). <see cref="References"/> are the payer's remittance texts, where invoice and customer numbers are looked
/// for; <see cref="BankReference"/> tells a notification received twice from a new payment. <see cref="Method"/> is
/// "Eft", "Wire", "Cheque" or "Cash".
/// </summary>
public sealed record Camt054Credit(int Line, long AmountCents, string Currency, DateOnly BookedOn, string BankReference,
    string? PayerName, IReadOnlyList<string> References, string Method);

public sealed record Camt054File(string MessageId, IReadOnlyList<Camt054Credit> Credits);

/// <summary>
/// Reads an ISO 20022 camt.054 notification (versions .001.02 to .001.08) strictly and keeps its booked credits;
/// debits, reversals and pending or information-only entries are not payments to apply and are passed over. The
/// first thing wrong is reported with the line of its element and the element's name.
/// </summary>
public static class Camt054Reader
{
    private const string NamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.0";

    public static BankFileRead<Camt054File> Read(string xml)
    {
        XDocument document;
        try
        {
            // No DTD: a bank file has no use for one, and it is how entity expansion and external reads (XXE) get in.
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // The refusal of a DTD comes without a line, so it is found in the text.
            var doctype = xml.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
            return doctype >= 0
                ? new BankFileError(xml.AsSpan(0, doctype).Count('\n') + 1, "Document", "a DTD (<!DOCTYPE>) is refused in a bank file")
                : new BankFileError(Math.Max(e.LineNumber, 1), "Document", $"not well-formed XML: {e.Message}");
        }
        var root = document.Root!;
        var ns = root.Name.Namespace.NamespaceName;
        if (root.Name.LocalName != "Document" || ns.Length != NamespacePrefix.Length + 1 || !ns.StartsWith(NamespacePrefix, StringComparison.Ordinal)
            || ns[^1] is < '2' or > '8')
        {
            return new BankFileError(LineOf(root), "Document", $"<{root.Name.LocalName}> in '{ns}' is not a camt.054.001.02 to .08 Document");
        }
        if (root.Child("BkToCstmrDbtCdtNtfctn") is not { } message)
        {
            return new BankFileError(LineOf(root), "BkToCstmrDbtCdtNtfctn", "the Document holds no debit/credit notification");
        }
        if (Text(message.Child("GrpHdr", "MsgId")) is not { } messageId)
        {
            return new BankFileError(LineOf(message.Child("GrpHdr") ?? message), "MsgId", "the group header has no message identification");
        }
        var notifications = message.Elements(root.Name.Namespace + "Ntfctn").ToList();
        if (notifications.Count == 0)
        {
            return new BankFileError(LineOf(message), "Ntfctn", "the message holds no notification");
        }
        var credits = new List<Camt054Credit>();
        foreach (var entry in notifications.Elements(root.Name.Namespace + "Ntry"))
        {
            if (ReadEntry(entry, credits) is { } error)
            {
                return error;
            }
        }
        // The bank reference is what keeps a payment from being applied twice, so two credits must not share one.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var credit in credits)
        {
            if (!seen.TryAdd(credit.BankReference, credit.Line))
            {
                return new BankFileError(credit.Line, "Refs", $"bank reference '{credit.BankReference}' is already the credit's on line {seen[credit.BankReference]}");
            }
        }
        return new Camt054File(messageId, credits);
    }

    private static BankFileError? ReadEntry(XElement entry, List<Camt054Credit> credits)
    {
        var line = LineOf(entry);
        if (entry.Child("Amt") is not { } amount)
        {
            return new BankFileError(line, "Amt", "the entry has no amount");
        }
        if (Amount(amount, out var entryCents, out var currency) is { } amountError)
        {
            return amountError;
        }
        var indicator = Text(entry.Child("CdtDbtInd"));
        if (indicator is not ("CRDT" or "DBIT"))
        {
            return new BankFileError(line, "CdtDbtInd", indicator is null ? "the entry says neither credit nor debit" : $"'{indicator}' is neither CRDT nor DBIT");
        }
        if (entry.Child("Sts") is not { } status)
        {
            return new BankFileError(line, "Sts", "the entry has no status");
        }
        // Up to .07 the status is the code itself; .08 wraps it in a choice, Sts/Cd.
        var booked = Text(status.HasElements ? status.Child("Cd") : status) == "BOOK";
        // A reversed credit is the bank undoing a debit of the biller's, not a payer paying.
        var reversal = Text(entry.Child("RvslInd")) is "true" or "1";
        if (indicator != "CRDT" || !booked || reversal)
        {
            return null;
        }
        if (entryCents == 0)
        {
            return new BankFileError(LineOf(amount), "Amt", "a credit of zero");
        }
        if (entry.Child("BookgDt") is not { } bookingDate)
        {
            return new BankFileError(line, "BookgDt", "a booked credit has no booking date");
        }
        if (BookedOn(bookingDate) is not { } bookedOn)
        {
            return new BankFileError(LineOf(bookingDate), "BookgDt", $"'{bookingDate.Value.Trim()}' is not a date (Dt yyyy-MM-dd or DtTm yyyy-MM-ddThh:mm:ss)");
        }
        var entryReference = Text(entry.Child("AcctSvcrRef"));
        var transactions = entry.Elements(entry.Name.Namespace + "NtryDtls").Elements(entry.Name.Namespace + "TxDtls").ToList();
        if (transactions.Count == 0)
        {
            if (entryReference is null)
            {
                return new BankFileError(line, "AcctSvcrRef", "the entry has no transaction details and no bank reference of its own");
            }
            credits.Add(new Camt054Credit(line, entryCents, currency, bookedOn, entryReference, null, [], Method(entry.Child("BkTxCd"))));
            return null;
        }
        var total = 0L;
        for (var i = 0; i < transactions.Count; i++)
        {
            var transaction = transactions[i];
            var transactionLine = LineOf(transaction);
            var cents = entryCents;
            if ((transaction.Child("Amt") ?? transaction.Child("AmtDtls", "TxAmt", "Amt")) is { } transactionAmount)
            {
                if (Amount(transactionAmount, out cents, out var transactionCurrency) is { } error)
                {
                    return error;
                }
                if (transactionCurrency != currency)
                {
                    return new BankFileError(LineOf(transactionAmount), "Amt", $"{transactionCurrency} where the entry's currency {currency} must be");
                }
                if (cents == 0)
                {
                    return new BankFileError(LineOf(transactionAmount), "Amt", "a credit of zero");
                }
            }
            else if (transactions.Count > 1)
            {
                return new BankFileError(transactionLine, "Amt", "the entry holds several transactions and this one has no amount");
            }
            if (Text(transaction.Child("CdtDbtInd")) is { } transactionIndicator && transactionIndicator != "CRDT")
            {
                return new BankFileError(transactionLine, "CdtDbtInd", $"'{transactionIndicator}' inside a credit entry, where CRDT must be");
            }
            total += cents;
            // Bank-assigned references first: the payer's end-to-end id can repeat (an invoice paid in two parts).
            var endToEnd = Text(transaction.Child("Refs", "EndToEndId"));
            var reference = Text(transaction.Child("Refs", "AcctSvcrRef"))
                ?? (entryReference is null ? null : $"{entryReference}/{i + 1}")
                ?? (endToEnd is "NOTPROVIDED" ? null : endToEnd);
            if (reference is null)
            {
                return new BankFileError(transactionLine, "AcctSvcrRef", "no bank reference: neither the transaction's AcctSvcrRef or EndToEndId nor the entry's AcctSvcrRef");
            }
            var payer = Text(transaction.Child("RltdPties", "Dbtr", "Nm") ?? transaction.Child("RltdPties", "Dbtr", "Pty", "Nm"));
            credits.Add(new Camt054Credit(transactionLine, cents, currency, bookedOn, reference, payer, References(transaction),
                Method(transaction.Child("BkTxCd") ?? entry.Child("BkTxCd"))));
        }
        if (total != entryCents)
        {
            return new BankFileError(line, "Amt", $"the entry's {entryCents} cents are not its transactions' total of {total}");
        }
        return null;
    }

    /// <summary>Invoice numbers, creditor references and free text, in the order the payer wrote them.</summary>
    private static List<string> References(XElement transaction) =>
        transaction.Elements(transaction.Name.Namespace + "RmtInf").Descendants()
            .Where(e => (e.Name.LocalName, e.Parent!.Name.LocalName) is ("Ustrd", "RmtInf") or ("Nb", "RfrdDocInf") or ("Ref", "CdtrRefInf") or ("AddtlRmtInf", "Strd"))
            .Select(e => e.Value.Trim())
            .Where(t => t.Length > 0)
            .ToList();

    /// <summary>
    /// How the payer paid, from the bank transaction code: the ISO family and sub-family when they say, else the
    /// wording of the bank's proprietary code, else "Eft", what most credits to a biller are. Cheque: families RCHQ
    /// (received cheques) and LBOX (lockbox), sub-families CCHQ, BCHQ, CCCH, CRCQ and CHKD (cheque deposit). Cash:
    /// CDPT (cash deposit). Wire: RCDT with DMCT, XBCT, PRCT or FICT, the domestic, cross-border, priority and
    /// bank-to-bank transfers wires are coded as. Everything else (ESCT, ACDT, ATXN, RRCT instant payments…) is Eft.
    /// </summary>
    private static string Method(XElement? code)
    {
        var family = Text(code?.Child("Domn", "Fmly", "Cd"));
        var subFamily = Text(code?.Child("Domn", "Fmly", "SubFmlyCd"));
        var proprietary = Text(code?.Child("Prtry", "Cd"))?.ToUpperInvariant() ?? "";
        return (family, subFamily) switch
        {
            ("RCHQ" or "LBOX", _) or (_, "CCHQ" or "BCHQ" or "CCCH" or "CRCQ" or "CHKD") => "Cheque",
            (_, "CDPT") => "Cash",
            ("RCDT", "DMCT" or "XBCT" or "PRCT" or "FICT") => "Wire",
            _ when proprietary.Contains("WIRE", StringComparison.Ordinal) => "Wire",
            _ when proprietary.Contains("CHQ", StringComparison.Ordinal) || proprietary.Contains("CHEQUE", StringComparison.Ordinal)
                || proprietary.Contains("CHECK", StringComparison.Ordinal) => "Cheque",
            _ => "Eft",
        };
    }

    /// <summary>An amount with its currency, to exact cents: the direction is CdtDbtInd's, so a sign is an error.</summary>
    private static BankFileError? Amount(XElement amount, out long cents, out string currency)
    {
        cents = 0;
        currency = amount.Attribute("Ccy")?.Value ?? "";
        var line = LineOf(amount);
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            return new BankFileError(line, "Amt", currency.Length == 0 ? "the amount has no currency (Ccy)" : $"currency '{currency}' is not 3 capital letters");
        }
        var text = amount.Value.Trim();
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var units = point < 0 ? text : text[..point];
        var decimals = point < 0 ? "" : text[(point + 1)..];
        if (text.StartsWith('-'))
        {
            return new BankFileError(line, "Amt", $"'{text}' is negative; CdtDbtInd gives the direction");
        }
        // 13 digits before the point is the ISO limit (18 digits, 5 of them decimals) and keeps cents inside a long.
        if (units.Length is 0 or > 13 || !units.All(char.IsAsciiDigit) || (point >= 0 && (decimals.Length == 0 || !decimals.All(char.IsAsciiDigit))))
        {
            return new BankFileError(line, "Amt", $"'{text}' is not an amount");
        }
        if (decimals.Length > 2 && decimals[2..].Any(c => c != '0'))
        {
            return new BankFileError(line, "Amt", $"'{text}' has more than 2 decimals, which cents cannot hold");
        }
        cents = long.Parse(units, CultureInfo.InvariantCulture) * 100 + (decimals.Length == 0 ? 0 : int.Parse(decimals.PadRight(2, '0')[..2], CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>The booking date as the bank wrote it; a date-time is not moved to another zone, which could change the day.</summary>
    private static DateOnly? BookedOn(XElement bookingDate)
    {
        if (Text(bookingDate.Child("Dt")) is { } date)
        {
            return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        }
        if (Text(bookingDate.Child("DtTm")) is { } dateTime && dateTime.Length > 10 && dateTime[10] == 'T'
            && DateTimeOffset.TryParse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            && DateOnly.TryParseExact(dateTime[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dayOfTime))
        {
            return dayOfTime;
        }
        return null;
    }

    /// <summary>The element at a path of local names, all in the document's camt.054 namespace.</summary>
    private static XElement? Child(this XElement element, params ReadOnlySpan<string> path)
    {
        XElement? current = element;
        foreach (var name in path)
        {
            current = current?.Element(element.Name.Namespace + name);
        }
        return current;
    }

    private static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static int LineOf(XElement element) => element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 1;
}
