using Microsoft.EntityFrameworkCore;
using WebEdi.Data;
using WebEdi.Data.Deliveries;
using WebEdi.Domain;
using WebEdi.Integration.Channels.Files;

namespace WebEdi.Integration.Channels;

/// <summary>A buyer's channels as its admin sees them, with where each one delivers.</summary>
public sealed record ChannelOverview(BuyerChannel? Bus, BuyerChannel? Webhook, BuyerChannel? FileDrop, string FileDropFolder, string ReplyQueue);

/// <summary>
/// The channel settings a buyer admin changes in the browser. The bus channel is created by the operator's
/// <c>webedi buyers provision-bus</c> (the ERP needs broker credentials first); webhook and file drop by the admin.
/// Every change is scoped to the buyer it is made for.
/// </summary>
public sealed class BuyerChannels(WebEdiDbContext db, IntegrationOptions options, FileDropOptions files, TimeProvider clock)
{
    public async Task<ChannelOverview> OverviewAsync(Guid buyerId, CancellationToken cancellationToken)
    {
        var channels = await db.BuyerChannels.AsNoTracking().Where(c => c.BuyerId == buyerId).ToListAsync(cancellationToken);
        var code = await db.Companies.Where(c => c.Id == buyerId).Select(c => c.Code).SingleAsync(cancellationToken);
        return new ChannelOverview(
            channels.SingleOrDefault(c => c.Kind == ChannelKind.Bus),
            channels.SingleOrDefault(c => c.Kind == ChannelKind.Webhook),
            channels.SingleOrDefault(c => c.Kind == ChannelKind.FileDrop),
            files.OutboundFolder(code),
            Bus.BuyerReplyQueues.Name(code));
    }

    /// <summary>Creates or changes the webhook. Returns the secret when the webhook is new (shown once), else null.</summary>
    public async Task<string?> SaveWebhookAsync(Guid buyerId, string url, int timeoutSeconds, int retryWindowHours, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !options.Webhooks.AllowHttp)
        {
            throw new DomainRuleException("url", "https_required", "must start with https:// (plain http:// is switched off on this WebEdi).");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var channel = await db.BuyerChannels.SingleOrDefaultAsync(c => c.BuyerId == buyerId && c.Kind == ChannelKind.Webhook, cancellationToken);
        string? secret = null;
        if (channel is null)
        {
            channel = BuyerChannel.Webhook(buyerId, url!, timeoutSeconds, retryWindowHours, now);
            db.BuyerChannels.Add(channel);
            secret = channel.Secret;
        }
        else
        {
            channel.ChangeWebhook(url!, timeoutSeconds, retryWindowHours, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>A new webhook secret (shown once); the old one stays valid for <see cref="BuyerChannel.SecretOverlap"/>. Null without a webhook.</summary>
    public async Task<string?> RotateSecretAsync(Guid buyerId, CancellationToken cancellationToken)
    {
        var channel = await db.BuyerChannels.SingleOrDefaultAsync(c => c.BuyerId == buyerId && c.Kind == ChannelKind.Webhook, cancellationToken);
        if (channel is null)
        {
            return null;
        }

        var secret = channel.RotateSecret(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public async Task SaveFileDropAsync(Guid buyerId, FileDropEncoding encoding, int retryWindowHours, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var channel = await db.BuyerChannels.SingleOrDefaultAsync(c => c.BuyerId == buyerId && c.Kind == ChannelKind.FileDrop, cancellationToken);
        if (channel is null)
        {
            db.BuyerChannels.Add(BuyerChannel.FileDrop(buyerId, encoding, retryWindowHours, now));
        }
        else
        {
            channel.ChangeFileDrop(encoding, retryWindowHours, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Switches a channel of the buyer on or off; false when the buyer has no such channel.</summary>
    public async Task<bool> SwitchAsync(Guid buyerId, ChannelKind kind, bool on, CancellationToken cancellationToken)
    {
        var channel = await db.BuyerChannels.SingleOrDefaultAsync(c => c.BuyerId == buyerId && c.Kind == kind, cancellationToken);
        if (channel is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (on)
        {
            channel.Enable(now);
        }
        else
        {
            channel.Disable(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The bus channel of a buyer whose broker access was just provisioned: created, or switched on again.</summary>
    public async Task EnsureBusAsync(Guid buyerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var channel = await db.BuyerChannels.SingleOrDefaultAsync(c => c.BuyerId == buyerId && c.Kind == ChannelKind.Bus, cancellationToken);
        if (channel is null)
        {
            db.BuyerChannels.Add(BuyerChannel.Bus(buyerId, now));
        }
        else
        {
            channel.Enable(now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
