using System.Net;

namespace WebEdi.IntegrationTests.Portal;

public sealed class Signing_in(Signing_in.Server fixture) : IClassFixture<Signing_in.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public PortalServer Portal { get; private set; } = null!;

        public async Task InitializeAsync() => Portal = await PortalServer.StartAsync(demoOrders: 20);

        public async Task DisposeAsync() => await Portal.DisposeAsync();
    }

    [Fact]
    public async Task With_the_right_password_leads_to_the_order_list()
    {
        using var session = fixture.Portal.NewSession();

        var response = await session.SignInAsync(PortalServer.FujiAdmin, PortalServer.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Equal("/Orders", response.Location);
    }

    [Fact]
    public async Task Every_form_that_posts_carries_its_own_anti_forgery_token_the_header_switch_and_sign_out_included()
    {
        using var anonymous = fixture.Portal.NewSession();
        using var session = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);
        var order = (await session.GetAsync("/Orders")).Document.QuerySelector("table.orders tbody tr td:nth-child(2) a")!.GetAttribute("href")!;
        var pages = new List<(string Path, PortalPage Page)> { ("/Account/Login", await anonymous.GetAsync("/Account/Login")) };
        foreach (var path in new[] { "/Orders", order, "/Orders/Upload", "/Account/Manage", "/Account/Manage/TwoFactor", "/Company/Users", "/Company/Security", "/Company/Notifications" })
        {
            pages.Add((path, await session.GetAsync(path)));
        }

        foreach (var (path, page) in pages)
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var forms = page.Document.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.NotEmpty(forms);
            Assert.All(forms, f => Assert.True(f.QuerySelector("input[name=__RequestVerificationToken]") is not null,
                $"{path}: a form posting to {f.GetAttribute("action")} has no anti-forgery token of its own"));
        }

        // The header's own form, posted with its own token, switches the language.
        var orders = pages.Single(p => p.Path == "/Orders").Page;
        var header = orders.Document.QuerySelector("header form[action='/Account/Language']")!;
        var switched = await session.PostAsync("/Account/Language", header.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ("language", "en"), ("returnUrl", "/Orders"));
        Assert.Equal(HttpStatusCode.Redirect, switched.Status);
        Assert.Equal("en", (await session.GetAsync("/Orders")).Document.DocumentElement.GetAttribute("lang"));
        var back = await session.GetAsync("/Orders");
        await session.PostAsync("/Account/Language", back, ("language", "ja"), ("returnUrl", "/Orders"));
    }

    [Fact]
    public async Task With_a_wrong_password_says_so_without_telling_which_part_was_wrong()
    {
        using var session = fixture.Portal.NewSession();

        var response = await session.SignInAsync(PortalServer.FujiAdmin, "not-the-passphrase");
        var unknown = await session.SignInAsync("nobody@example.com", "not-the-passphrase");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("メールアドレスまたはパスワードが正しくありません。", response.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(response.Document.QuerySelector(".form-errors")!.TextContent, unknown.Document.QuerySelector(".form-errors")!.TextContent);
    }

    [Fact]
    public async Task A_forged_anti_forgery_token_is_refused_with_400()
    {
        using var session = fixture.Portal.NewSession();
        await session.GetAsync("/Account/Login");

        var response = await session.PostAsync("/Account/Login", "forged", ("Email", PortalServer.FujiAdmin), ("Password", PortalServer.Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("リクエストが正しくありません", response.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Pages_behind_sign_in_send_an_anonymous_visitor_to_the_sign_in_page()
    {
        using var session = fixture.Portal.NewSession();

        var response = await session.GetAsync("/Orders");

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.StartsWith("http://127.0.0.1", response.Location, StringComparison.Ordinal);
        Assert.Contains("/Account/Login?ReturnUrl=%2FOrders", response.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var session = await fixture.Portal.SignInAsync(PortalServer.FujiAdmin);
        var page = await session.FollowAsync("/Orders");

        var response = await session.PostAsync("/Account/Logout", page);
        var after = await session.GetAsync("/Orders");

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Contains("/Account/Login", after.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_forbids_framing_and_inline_script()
    {
        using var session = fixture.Portal.NewSession();

        var response = await session.GetAsync("/Account/Login");

        Assert.Equal("DENY", response.Response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Empty(response.Document.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task The_language_switch_turns_the_pages_english_and_back()
    {
        using var session = fixture.Portal.NewSession();
        var login = await session.GetAsync("/Account/Login");

        await session.PostAsync("/Account/Language", login, ("language", "en"), ("returnUrl", "/Account/Login"));
        var english = await session.GetAsync("/Account/Login");

        Assert.Equal("Sign in", english.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
    }
}
