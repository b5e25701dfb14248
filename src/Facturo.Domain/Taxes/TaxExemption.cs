using Facturo.Accounts;

namespace Facturo.Taxes;

public enum ExemptionKind
{
    /// <summary>A provincial sales-tax number for goods bought for resale (BC, MB, SK).</summary>
    PstResale,
    /// <summary>A provincial exemption certificate or number (e.g. a farmer's or a manufacturer's).</summary>
    PstExemption,
    /// <summary>Indian Act s. 87: status card number, relief only for supplies delivered on a reserve.</summary>
    IndianAct,
    /// <summary>A government body whose tax agreement (e.g. a reciprocal taxation agreement) relieves it of the tax.</summary>
    GovernmentBody,
}

/// <summary>
/// An exemption certificate a customer gave the biller: which taxes in which provinces it relieves,
/// from when until when (inclusive). Outside its dates it relieves nothing.
/// </summary>
public sealed record TaxExemption(string CertificateNumber, ExemptionKind Kind, IReadOnlySet<TaxKind> Taxes, IReadOnlySet<Province> Provinces, DateOnly ValidFrom, DateOnly? ValidUntil)
{
    public bool Covers(TaxKind kind, Province province, DateOnly taxPoint) =>
        Taxes.Contains(kind) && Provinces.Contains(province) && taxPoint >= ValidFrom && (ValidUntil is null || taxPoint <= ValidUntil);
}
