using System.Text;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace Facturo.Pages.Account;

/// <summary>
/// My account → Security: two-step verification with an authenticator app (TOTP), the open sessions, and "sign out everywhere".
/// </summary>
[Authorize]
public sealed class SecurityModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, IUserStore<PortalUser> store, PortalChrome chrome, SignInSessions sessions) : PortalPage
{
    private const int RecoveryCodeCount = 10;
    private readonly IUserAuthenticatorKeyStore<PortalUser> _authenticatorKeys = (IUserAuthenticatorKeyStore<PortalUser>)store;

    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public string CurrentPassword { get; set; } = "";

    public bool TwoFactorEnabled { get; private set; }
    public string? SharedKey { get; private set; }
    public string? QrCodeSvg { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<AuthSession> Sessions { get; private set; } = [];
    public long? CurrentSessionId { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync(await MeAsync());

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var me = await MeAsync();
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(me, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = T("Ce code n'est pas valide. Entrez le code à 6 chiffres affiché maintenant par votre application.",
                "This code is not valid. Enter the 6-digit code your app shows now.");
            await LoadAsync(me);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(me, true);
        RecoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(me, RecoveryCodeCount))!];
        // Turning it on changes the security stamp; keep this session, the others end.
        await signIn.RefreshSignInAsync(me);
        Notice = T("La vérification en deux étapes est activée.", "Two-step verification is on.");
        await LoadAsync(me);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var me = await MeAsync();
        if (!await users.CheckPasswordAsync(me, CurrentPassword))
        {
            Error = T("Le mot de passe actuel est incorrect.", "The current password is incorrect.");
            await LoadAsync(me);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(me, false);
        // A new key, so an app set up before cannot silently come back into use.
        await users.ResetAuthenticatorKeyAsync(me);
        await signIn.RefreshSignInAsync(me);
        Notice = T("La vérification en deux étapes est désactivée.", "Two-step verification is off.");
        await LoadAsync(me);
        return Page();
    }

    public async Task<IActionResult> OnPostEndSessionAsync(long sessionId)
    {
        var me = await MeAsync();
        var ended = await sessions.EndAsync(SessionAudience.Portal, me.Id, sessionId, HttpContext.RequestAborted);
        if (ended.Succeeded)
        {
            Notice = T("Cette session est fermée : ce navigateur-là devra se reconnecter.", "That session is signed out: that browser must sign in again.");
        }
        else
        {
            Error = Message(ended.Error!);
        }
        await LoadAsync(me);
        return Page();
    }

    /// <summary>An instant as the person reads it: Toronto time, in the page's language.</summary>
    public string When(DateTimeOffset instant) => BillerClock.Local(instant).ToString("g", Culture);

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var me = await MeAsync();
        // Every session ends now, this one included; the new stamp also voids what was issued with the old one.
        await sessions.EndAllAsync(SessionAudience.Portal, me.Id, HttpContext.RequestAborted);
        await users.UpdateSecurityStampAsync(me);
        await signIn.SignOutAsync();
        return Redirect("/signin?signedOutEverywhere=1");
    }

    private async Task<PortalUser> MeAsync() => (await users.GetUserAsync(User))!;

    private async Task LoadAsync(PortalUser me)
    {
        Sessions = await sessions.OpenAsync(SessionAudience.Portal, me.Id, HttpContext.RequestAborted);
        CurrentSessionId = ServerSessions.CurrentSessionId(HttpContext);
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(me);
        if (TwoFactorEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(me);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(me);
        if (string.IsNullOrEmpty(key))
        {
            // A key to set up, kept without Identity's reset: the reset changes the security stamp, which signed the
            // person out of every session (this one included) a minute after merely opening this page.
            key = users.GenerateNewAuthenticatorKey();
            await _authenticatorKeys.SetAuthenticatorKeyAsync(me, key, HttpContext.RequestAborted);
            await users.UpdateAsync(me);
        }
        SharedKey = Grouped(key!);
        var issuer = (await chrome.BillerAsync())?.LegalName ?? "Facturo";
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(me.Email!)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeSvg = new SvgQRCode(data).GetGraphic(4);
    }

    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
