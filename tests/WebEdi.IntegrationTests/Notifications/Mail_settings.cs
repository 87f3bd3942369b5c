using WebEdi.Ordering.Notifications;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Notifications;

/// <summary>A wrong mail setting stops the server at start-up with a message naming the key.</summary>
public sealed class Mail_settings
{
    [Fact]
    public void The_defaults_write_to_the_pickup_folder_every_fifteen_minutes()
    {
        var options = new MailOptions();
        Assert.Empty(options.Validate());
        Assert.Equal((MailDelivery.Pickup, "webedi@localhost", 15), (options.Delivery, options.From, options.DigestIntervalMinutes));
    }

    [Fact]
    public void Smtp_without_a_host_a_bad_sender_and_a_zero_interval_are_each_named()
    {
        var options = new MailOptions
        {
            Delivery = MailDelivery.Smtp,
            From = "not an address",
            DigestIntervalMinutes = 0,
            Smtp = new SmtpOptions { Port = 0, Password = "secret" },
        };

        Assert.Equal(
            [
                "WebEdi:Mail:From 'not an address' is not an e-mail address.",
                "WebEdi:Mail:DigestIntervalMinutes must be between 1 and 1440 (is 0).",
                "WebEdi:Mail:Smtp:Host is required when WebEdi:Mail:Delivery is Smtp.",
                "WebEdi:Mail:Smtp:Port must be between 1 and 65535 (is 0).",
                "WebEdi:Mail:Smtp:Username is required when WebEdi:Mail:Smtp:Password is set.",
            ],
            options.Validate());
    }

    [Theory]
    [InlineData("WebEdi:Mail:Delivery", "Smtp", "WebEdi:Mail:Smtp:Host is required")]
    [InlineData("WebEdi:Mail:Delivery", "Pigeon", "WebEdi:Mail:Delivery")]
    [InlineData("WebEdi:Mail:DigestIntervalMinutes", "0", "WebEdi:Mail:DigestIntervalMinutes must be between 1 and 1440")]
    public async Task A_bad_mail_setting_stops_the_server_naming_the_key(string key, string value, string named)
    {
        var result = await WebEdiServer.RunAsync(new Dictionary<string, string?> { [key] = value }, Directory.CreateTempSubdirectory().FullName);

        Assert.Equal(78, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }
}
