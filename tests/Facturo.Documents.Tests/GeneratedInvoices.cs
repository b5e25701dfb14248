using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Taxes;

namespace Facturo.Documents.Tests;

/// <summary>How much an invoice comes to, in the tiers of the invoice-content rules (total, taxes included, in cents).</summary>
internal enum AmountTier
{
    Under30,
    From30To99,
    From100To499,
    From500,
}

/// <summary>
/// Invoices made the way the bill run makes them, by the domain's <see cref="InvoiceGenerator"/> and sales tax, from random
/// customers (any province or territory, a US business, exemption certificates), charges (every category, parcels to other
/// provinces and abroad), issue dates on both sides of rate changes, terms, and paper delivery (its fee line has no
/// description of its own, as in the bill run) — with totals in a chosen tier.
/// </summary>
internal sealed class GeneratedInvoices(int seed)
{
    private static readonly Money PaperFee = Money.Cad(500);
    private static readonly ChargeCategory[] Billable = [ChargeCategory.Shipping, ChargeCategory.LetterMail, ChargeCategory.DirectMail, ChargeCategory.Lease, ChargeCategory.Other];
    private static readonly Dictionary<ChargeCategory, string[]> Descriptions = new()
    {
        [ChargeCategory.Shipping] = ["Colis accéléré", "Xpresspost – Halifax", "Priority parcel", "Expedited Parcel, 3 kg"],
        [ChargeCategory.LetterMail] = ["Poste-lettres, 250 envois", "Lettermail, standard"],
        [ChargeCategory.DirectMail] = ["Publicité directe – circulaire de Noël", "Neighbourhood Mail flyer"],
        [ChargeCategory.Lease] = ["Location de machine à affranchir", "Postage meter lease"],
        [ChargeCategory.Other] = ["Étiquettes d’expédition", "Shipping labels, box of 500"],
    };

    private readonly Random _random = new(seed);
    private int _number;

    public (InvoicePdfModel Invoice, InvoiceDraft Draft) InTier(AmountTier tier)
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var (account, place, name) = Customer();
            var charges = Charges(tier, account.Currency);
            var issueDate = new DateOnly(2024, 1, 1).AddDays(_random.Next(3 * 365));
            var fee = account.Currency == Currency.Cad ? PaperFee : new Money(500, account.Currency);
            var draft = InvoiceGenerator.Generate(account, charges, fee, BillingPeriod.Of(issueDate.AddMonths(-1)), issueDate, SalesTax.Canada)!;
            if (TierOf(draft.Total) == tier)
            {
                return (ModelOf(draft, place, name), draft);
            }
        }
        throw new InvalidOperationException($"No invoice in tier {tier} after 1,000 attempts.");
    }

    public static AmountTier TierOf(Money total) => total.Cents switch
    {
        < 3_000 => AmountTier.Under30,
        < 10_000 => AmountTier.From30To99,
        < 50_000 => AmountTier.From100To499,
        _ => AmountTier.From500,
    };

    private (BillableAccount Account, PlaceOfSupply Place, string Name) Customer()
    {
        var terms = new CreditTerms(_random.GetItems([0, 15, 30, 45], 1)[0]);
        var delivery = _random.Next(4) == 0 ? DeliveryPreference.Paper : DeliveryPreference.Electronic;
        var id = ++_number;
        switch (_random.Next(10))
        {
            case 0:
                var us = PlaceOfSupply.Outside("US");
                return (new BillableAccount(id, new TaxCustomer(us, []), terms, delivery, Currency.Usd), us, "Green Mountain Freight LLC");
            case 1:
                var (province, exemption) = Exemption();
                var exempt = PlaceOfSupply.In(province);
                return (new BillableAccount(id, new TaxCustomer(exempt, [exemption]), terms, delivery, Currency.Cad), exempt, "Conseil de bande Wendake");
            default:
                var canadian = PlaceOfSupply.In(_random.GetItems(Enum.GetValues<Province>(), 1)[0]);
                return (new BillableAccount(id, new TaxCustomer(canadian, []), terms, delivery, Currency.Cad), canadian, "Quincaillerie Côté & fils ltée");
        }
    }

    private (Province, TaxExemption) Exemption()
    {
        var always = new DateOnly(2020, 1, 1);
        return _random.Next(3) switch
        {
            0 => (Province.BC, new TaxExemption("PST-1234-5678", ExemptionKind.PstResale, new HashSet<TaxKind> { TaxKind.Pst }, new HashSet<Province> { Province.BC }, always, null)),
            1 => (Province.ON, new TaxExemption("0123456789", ExemptionKind.IndianAct, new HashSet<TaxKind> { TaxKind.Hst }, new HashSet<Province> { Province.ON }, always, null)),
            _ => (Province.QC, new TaxExemption("QC-GOV-2024-17", ExemptionKind.GovernmentBody, new HashSet<TaxKind> { TaxKind.Qst }, new HashSet<Province> { Province.QC }, always, null)),
        };
    }

    private List<BillableCharge> Charges(AmountTier tier, Currency currency)
    {
        var count = _random.Next(1, 7);
        var (low, high) = tier switch
        {
            AmountTier.Under30 => (100, 2_500),
            AmountTier.From30To99 => (2_600, 8_500),
            AmountTier.From100To499 => (8_800, 43_000),
            _ => (45_000, 300_000),
        };
        var charges = new List<BillableCharge>(count);
        var budget = _random.Next(low, high);
        for (var i = 0; i < count; i++)
        {
            var category = _random.GetItems(Billable, 1)[0];
            var quantity = _random.Next(3) == 0 ? 2.5m : _random.Next(1, 4);
            var unitPrice = new Money(Math.Max(1, (long)(budget / count / quantity)), currency);
            PlaceOfSupply? destination = category == ChargeCategory.Shipping && _random.Next(2) == 0
                ? (_random.Next(4) == 0 ? PlaceOfSupply.Outside("US") : PlaceOfSupply.In(_random.GetItems(Enum.GetValues<Province>(), 1)[0]))
                : null;
            charges.Add(new BillableCharge(i + 1, category, _random.GetItems(Descriptions[category], 1)[0], quantity, unitPrice,
                InvoiceGenerator.LineAmount(unitPrice, quantity), new DateOnly(2023, 12, 1).AddDays(i), destination));
        }
        return charges;
    }

    /// <summary>The document as the portal builds it from the stored invoice: the draft's lines, taxation and taxes unchanged.</summary>
    private InvoicePdfModel ModelOf(InvoiceDraft draft, PlaceOfSupply place, string name) => new(
        InvoiceNumber: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"F{_number:D9}"),
        IssueDate: draft.IssueDate,
        DueDate: draft.DueDate,
        Period: draft.Period.ToString(),
        BillerLegalName: "Messageries Laurentides inc.",
        BillerGstHstNumber: "123456789 RT0001",
        BillerQstNumber: "1234567890 TQ0001",
        SupportPhone: "1 800 555-0199",
        SupportEmail: "facturation@laurentides.example",
        CustomerNumber: (1_000_000 + _number).ToString(System.Globalization.CultureInfo.InvariantCulture),
        CustomerLegalName: name,
        CustomerAddress: "1 rue Principale\nVille",
        CustomerPlace: place,
        Lines: draft.Lines.Select(l => new InvoicePdfLine(l.LineNumber, l.Category, l.Description, l.Quantity, l.UnitPrice, l.Amount, l.Taxation)).ToList(),
        Taxes: draft.Taxes,
        Subtotal: draft.Subtotal,
        Total: draft.Total);
}
