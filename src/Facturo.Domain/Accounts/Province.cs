namespace Facturo.Accounts;

/// <summary>Canadian provinces and territories by their postal abbreviation; the billing address's province decides sales tax.</summary>
public enum Province
{
    AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT,
}
