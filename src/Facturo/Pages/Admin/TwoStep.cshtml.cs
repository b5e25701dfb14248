using Facturo.Portal;
using Facturo.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace Facturo.Pages.Admin;

/// <summary>
/// Staff sign-in, second step, every time: the code of the authenticator app. At the first sign-in the
/// page shows the key (text and QR code) to add to the app; the first good code confirms it.
/// </summary>
public sealed class TwoStepModel(StaffSignIn signIn, StaffAudit audit) : PortalPage
{
    [BindProperty] public string Code { get; set; } = "";
    public string? Key { get; private set; }
    public string? QrSvg { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Redirect("/admin/signin");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Redirect("/admin/signin");
        }
        var staff = await signIn.VerifyCodeAsync(StaffAuth.StaffId(User), Code, cancellationToken);
        if (staff is null)
        {
            Error = T("Ce code n'est pas valide. Entrez le code à 6 chiffres affiché maintenant par l'application.", "That code is not valid. Enter the 6-digit code the app shows now.");
            return Page();
        }
        await HttpContext.SignInAsync(StaffAuth.Scheme, StaffSignIn.Principal(staff, twoStepDone: true));
        await audit.RecordAsync("staff.sign-in", $"staff {staff.Email}", null, null, cancellationToken);
        return Redirect("/admin");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var first = await HttpContext.AuthenticateAsync(StaffAuth.Scheme);
        if (!first.Succeeded)
        {
            return false;
        }
        HttpContext.User = first.Principal;
        Key = await signIn.PendingKeyAsync(StaffAuth.StaffId(User), cancellationToken);
        if (Key is not null)
        {
            var uri = $"otpauth://totp/Facturo%20staff:{Uri.EscapeDataString(User.Identity!.Name!)}?secret={Key}&issuer=Facturo%20staff";
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
            QrSvg = new SvgQRCode(data).GetGraphic(4);
        }
        return true;
    }
}
