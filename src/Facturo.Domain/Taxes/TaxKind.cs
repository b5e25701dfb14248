namespace Facturo.Taxes;

public enum TaxKind
{
    /// <summary>Goods and services tax (federal).</summary>
    Gst,
    /// <summary>Harmonized sales tax: federal and provincial in one, in the participating provinces.</summary>
    Hst,
    /// <summary>Quebec sales tax, charged beside the GST on the price before GST.</summary>
    Qst,
    /// <summary>Provincial sales tax (British Columbia, Manitoba's RST, Saskatchewan).</summary>
    Pst,
}
