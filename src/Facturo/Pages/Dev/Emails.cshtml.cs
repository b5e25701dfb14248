using Facturo.Emails;
using Facturo.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Facturo.Pages.Dev;

/// <summary>
/// Development only (and from this machine only, see DevelopmentPages): the emails Facturo delivered to its pickup
/// folder, newest first, with their links whole. Read from the folder, not the outbox table, which keeps delivered
/// emails without their single-use tokens.
/// </summary>
public sealed class EmailsModel(IOptions<EmailOptions> options, IHostEnvironment environment) : PortalPage
{
    public IReadOnlyList<MimeMessage> Emails { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }
        var folder = options.Value.PickupDirectory;
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
        {
            return Page();
        }
        var emails = new List<MimeMessage>();
        // Named by outbox id, zero-padded: the newest sort last.
        foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Reverse().Take(100))
        {
            emails.Add(await MimeMessage.LoadAsync(file, cancellationToken));
        }
        Emails = emails;
        return Page();
    }
}
