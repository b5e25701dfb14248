namespace Facturo.Payments;

/// <summary>Why a bank returned a debit, in words a customer understands: Standard 007 codes 900–922 (Canada), NACHA R codes (US).</summary>
public static class ReturnReasons
{
    private static readonly Dictionary<string, (string Fr, string En)> Texts = new()
    {
        ["900"] = ("rejet à la validation par la banque", "rejected by the bank's checks"),
        ["901"] = ("provision insuffisante", "insufficient funds"),
        ["902"] = ("compte introuvable", "account not found"),
        ["903"] = ("paiement arrêté ou rappelé", "payment stopped or recalled"),
        ["905"] = ("compte fermé", "account closed"),
        ["907"] = ("aucun débit permis sur ce compte", "no debits allowed on this account"),
        ["908"] = ("fonds non compensés", "funds not cleared"),
        ["909"] = ("devise du compte différente", "currency and account do not match"),
        ["910"] = ("titulaire décédé", "account holder deceased"),
        ["911"] = ("compte bloqué", "account frozen"),
        ["912"] = ("numéro de compte invalide ou erroné", "invalid or incorrect account number"),
        ["914"] = ("nom du payeur erroné", "incorrect payor name"),
        ["915"] = ("aucun accord n'existait", "no agreement existed"),
        ["916"] = ("non conforme à l'accord (personnel)", "not according to the agreement (personal)"),
        ["917"] = ("accord révoqué (personnel)", "agreement revoked (personal)"),
        ["918"] = ("aucune confirmation ou préavis (personnel)", "no confirmation or pre-notification (personal)"),
        ["919"] = ("non conforme à l'accord (entreprise)", "not according to the agreement (business)"),
        ["920"] = ("accord révoqué (entreprise)", "agreement revoked (business)"),
        ["921"] = ("aucune confirmation ou préavis (entreprise)", "no confirmation or pre-notification (business)"),
        ["922"] = ("retour demandé par le client", "returned at the customer's request"),
        ["R01"] = ("provision insuffisante", "insufficient funds"),
        ["R02"] = ("compte fermé", "account closed"),
        ["R03"] = ("compte introuvable", "no account, or unable to locate it"),
        ["R04"] = ("numéro de compte invalide", "invalid account number"),
        ["R05"] = ("débit non autorisé sur un compte personnel", "unauthorized debit to a consumer account"),
        ["R06"] = ("retourné à la demande de la banque émettrice", "returned at the originating bank's request"),
        ["R07"] = ("autorisation révoquée par le client", "authorization revoked by the customer"),
        ["R08"] = ("paiement arrêté", "payment stopped"),
        ["R09"] = ("fonds non compensés", "uncollected funds"),
        ["R10"] = ("le client dit ne pas avoir autorisé le débit", "customer says the debit was not authorized"),
        ["R11"] = ("non conforme à l'autorisation", "not in accordance with the authorization"),
        ["R12"] = ("compte vendu à une autre banque", "account sold to another bank"),
        ["R13"] = ("numéro d'acheminement invalide", "invalid routing number"),
        ["R14"] = ("titulaire décédé", "account holder deceased"),
        ["R15"] = ("bénéficiaire décédé", "beneficiary deceased"),
        ["R16"] = ("compte bloqué", "account frozen"),
        ["R17"] = ("erreur dans l'écriture", "error in the entry"),
        ["R20"] = ("compte sans transactions permises", "non-transaction account"),
        ["R23"] = ("crédit refusé par le destinataire", "credit refused by the receiver"),
        ["R24"] = ("écriture en double", "duplicate entry"),
        ["R29"] = ("l'entreprise dit ne pas avoir autorisé le débit", "business says the debit was not authorized"),
        ["R31"] = ("retour autorisé par la banque émettrice", "return agreed by the originating bank"),
    };

    public static string Describe(string code, bool french) =>
        Texts.TryGetValue(code, out var text) ? (french ? text.Fr : text.En) : (french ? $"motif {code}" : $"reason {code}");
}
