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
/// Opening the page changes nothing: a new key is made only when the person asks to set up an app.
/// </summary>
[Authorize]
public sealed class SecurityModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, TwoStepVerification twoStep, PortalChrome chrome, SignInSessions sessions, BillerClock clock) : PortalPage
{
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

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(await MeAsync(), cancellationToken);

    public async Task<IActionResult> OnPostSetUpAsync(CancellationToken cancellationToken)
    {
        await twoStep.StartSetUpAsync(await MeAsync(), cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken)
    {
        var me = await MeAsync();
        var wasOn = me.TwoFactorEnabled;
        var confirmed = await twoStep.ConfirmAsync(me, Code, cancellationToken);
        if (!confirmed.Succeeded)
        {
            Error = Message(confirmed.Error!);
            await LoadAsync(me, cancellationToken);
            return Page();
        }
        RecoveryCodes = confirmed.Value!;
        await signIn.RefreshSignInAsync(me);
        Notice = wasOn
            ? T("Votre nouvelle application d'authentification est en place ; l'ancienne ne fonctionne plus.", "Your new authenticator app is set up; the old one no longer works.")
            : T("La vérification en deux étapes est activée.", "Two-step verification is on.");
        await LoadAsync(me, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        var me = await MeAsync();
        if (await twoStep.TurnOffAsync(me, CurrentPassword, cancellationToken) is { } refused)
        {
            Error = Message(refused);
            await LoadAsync(me, cancellationToken);
            return Page();
        }
        await signIn.RefreshSignInAsync(me);
        Notice = T("La vérification en deux étapes est désactivée.", "Two-step verification is off.");
        await LoadAsync(me, cancellationToken);
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
        await LoadAsync(me, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>An instant as the person reads it: Toronto time, in the page's language.</summary>
    public string When(DateTimeOffset instant) => clock.Local(instant).ToString("g", Culture);

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

    private async Task LoadAsync(PortalUser me, CancellationToken cancellationToken)
    {
        Sessions = await sessions.OpenAsync(SessionAudience.Portal, me.Id, cancellationToken);
        CurrentSessionId = ServerSessions.CurrentSessionId(HttpContext);
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(me);
        if (TwoFactorEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(me);
        }
        if (await twoStep.PendingKeyAsync(me, cancellationToken) is not { } key)
        {
            return;
        }
        SharedKey = Grouped(key);
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
