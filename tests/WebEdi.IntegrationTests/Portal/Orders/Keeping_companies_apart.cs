using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.EntityFrameworkCore;
using WebEdi.Domain.Orders;
using WebEdi.IntegrationTests.Portal.Csv;

namespace WebEdi.IntegrationTests.Portal.Orders;

/// <summary>
/// Every route that names a company's resource, asked with another company's, answers as if it did not exist — 404 for
/// an order id — and changes nothing. MIDORI-KAKO supplies TOKAI-MOTOR only; SAKURA-SEIMITSU also supplies
/// KANSAI-DENKI. <see cref="Every_page_handler_is_classified_here"/> keeps the list complete: a new handler fails it
/// until it is added to <see cref="Handlers"/> with the test that proves it scoped (or why it names no resource).
/// </summary>
public sealed partial class Keeping_companies_apart(OrdersPortal fixture) : IClassFixture<OrdersPortal>
{
    /// <summary>Every page handler of the server, and where its cross-company behaviour is proven.</summary>
    public static readonly IReadOnlyDictionary<string, string> Handlers = new Dictionary<string, string>
    {
        ["GET /Orders/{id:guid}"] = nameof(Another_buyers_order_is_not_found_on_any_route),
        ["POST /Orders/{id:guid}?handler=Answer"] = nameof(Another_buyers_order_is_not_found_on_any_route),
        ["POST /Orders/{id:guid}?handler=AcceptAll"] = nameof(Another_buyers_order_is_not_found_on_any_route),
        ["POST /Orders/Index?handler=Accept"] = nameof(Another_buyers_order_is_not_found_on_any_route),
        ["POST /Orders/Csv/Download?handler=Selected"] = nameof(Another_buyers_order_is_not_found_on_any_route),
        ["GET /Orders/Index"] = nameof(A_buyer_the_company_does_not_trade_with_filters_the_inbox_and_its_download_to_nothing),
        ["POST /Orders/Csv/Download?handler=List"] = nameof(A_buyer_the_company_does_not_trade_with_filters_the_inbox_and_its_download_to_nothing),
        ["GET /Orders/Csv/Download?handler=Template"] = "takes no id: the template holds the company's own open lines (Downloading_order_lines)",
        ["GET /Orders/Upload"] = "takes no id: the empty upload form",
        ["POST /Orders/Upload?handler=Preview"] = "order numbers in the file: Uploading_answers.Another_companys_order_number_is_not_found_for_that_row_and_nothing_of_it_is_shown",
        ["POST /Orders/Upload?handler=Confirm"] = nameof(Another_companys_checked_upload_cannot_be_confirmed),
        ["POST /Company/Users?handler=Role"] = "Company_pages_access.Answer_404_for_another_companys_user_or_invitation_on_every_handler_and_change_nothing",
        ["POST /Company/Users?handler=Deactivate"] = "Company_pages_access.Answer_404_for_another_companys_user_or_invitation_on_every_handler_and_change_nothing",
        ["POST /Company/Users?handler=Reactivate"] = "Company_pages_access.Answer_404_for_another_companys_user_or_invitation_on_every_handler_and_change_nothing",
        ["POST /Company/Users?handler=Revoke"] = "Company_pages_access.Answer_404_for_another_companys_user_or_invitation_on_every_handler_and_change_nothing",
        ["POST /Company/Notifications?handler=Remove"] = "Notification_addresses.Another_companys_address_cannot_be_removed",
        ["GET /Company/Users"] = "takes no id: lists the admin's own company (Managing_users)",
        ["POST /Company/Users?handler=Invite"] = "takes no id: invites into the admin's own company",
        ["GET /Company/Security"] = "takes no id: the admin's own company",
        ["POST /Company/Security"] = "takes no id: the admin's own company",
        ["GET /Company/Notifications"] = "takes no id: the admin's own company",
        ["POST /Company/Notifications?handler=Add"] = "takes no id: adds to the admin's own company",
        ["GET /Deliveries/{sequence:long}"] = "The_delivery_log.Shows_one_delivery_with_its_document_and_attempts_and_another_buyers_is_not_found",
        ["POST /Deliveries/{sequence:long}?handler=Replay"] = "The_delivery_log.Shows_one_delivery_with_its_document_and_attempts_and_another_buyers_is_not_found",
        ["GET /Deliveries/Index"] = "takes no id: the admin's own buyer (The_delivery_log.Lists_the_buyers_own_deliveries_with_counts_by_state_and_filters_them)",
        ["POST /Deliveries/Index?handler=ReplayDead"] = "takes no id: replays the admin's own buyer's dead deliveries (The_delivery_log)",
        ["GET /Operator/Deliveries"] = "platform operators only, across buyers by design (The_delivery_log)",
        ["POST /Operator/Deliveries?handler=ReplayDead"] = "platform operators only, across buyers by design (The_delivery_log)",
        ["GET /Company/Integration"] = "takes no id: the admin's own buyer (Integration_settings)",
        ["POST /Company/Integration?handler=Webhook"] = "takes no id: the admin's own buyer (Integration_settings)",
        ["POST /Company/Integration?handler=Rotate"] = "takes no id: the admin's own buyer (Integration_settings)",
        ["POST /Company/Integration?handler=FileDrop"] = "takes no id: the admin's own buyer (Integration_settings)",
        ["POST /Company/Integration?handler=Switch"] = "Integration_settings.The_form_of_one_buyer_changes_only_that_buyers_channels",
        ["GET /Orders/{id:guid}?handler=Sheet"] = "Keeping_shipments_apart.Another_suppliers_shipment_order_or_line_is_not_found_on_any_route",
        ["GET /Shipments/{id:guid}"] = "Keeping_shipments_apart.Another_suppliers_shipment_order_or_line_is_not_found_on_any_route",
        ["POST /Shipments/{id:guid}?handler=Print"] = "Keeping_shipments_apart.Another_suppliers_shipment_order_or_line_is_not_found_on_any_route",
        ["POST /Shipments/{id:guid}?handler=Cancel"] = "Keeping_shipments_apart.Another_suppliers_shipment_order_or_line_is_not_found_on_any_route",
        ["POST /Shipments/Index?handler=Print"] = "Keeping_shipments_apart.Another_suppliers_shipment_order_or_line_is_not_found_on_any_route",
        ["POST /Shipments/Index?handler=PrintAll"] = "takes no id: prints the supplier's own shipments of its search (Keeping_shipments_apart.The_list_shows_only_the_companys_own_shipments)",
        ["GET /Shipments/Index"] = "Keeping_shipments_apart.The_list_shows_only_the_companys_own_shipments",
        ["GET /Shipments/Create"] = "Keeping_shipments_apart.Another_suppliers_shipment_order_or_line_is_not_found_on_any_route",
        ["POST /Shipments/Create?handler=Start"] = "Keeping_shipments_apart.Another_suppliers_shipment_order_or_line_is_not_found_on_any_route",
        ["POST /Shipments/Create"] = "Keeping_shipments_apart.Another_suppliers_shipment_order_or_line_is_not_found_on_any_route",
        ["GET /Company/DeliveryNotes"] = "takes no id: the admin's own numbering (Numbering_delivery_notes)",
        ["POST /Company/DeliveryNotes"] = "takes no id: the admin's own numbering (Numbering_delivery_notes)",
        ["GET /Exchange/Index?handler=Report"] = "Exchange_pages_access.Another_buyers_run_and_its_error_report_are_not_found",
        ["GET /Exchange/Index"] = "takes no id: the admin's own buyer's exchange and history (Exchange_pages_access.Another_buyers_run_and_its_error_report_are_not_found)",
        ["GET /Exchange/Index?handler=Export"] = "takes no id: the admin's own buyer's profile (Setting_up_the_nightly_exchange.An_exported_profile_imports_back_as_it_was)",
        ["POST /Exchange/Index?handler=Start"] = "takes no id: creates the admin's own buyer's exchange (Setting_up_the_nightly_exchange)",
        ["POST /Exchange/Index?handler=Import"] = "takes no id: replaces the admin's own buyer's profile (Setting_up_the_nightly_exchange)",
        ["POST /Exchange/Index?handler=Switch"] = "takes no id: switches the admin's own buyer's exchange",
        ["POST /Exchange/Index?handler=Run"] = "takes no id: requests a run of the admin's own buyer's exchange (Running_the_exchange_now)",
        ["GET /Exchange/Profile"] = "takes no id: the admin's own buyer's profile (Setting_up_the_nightly_exchange)",
        ["POST /Exchange/Profile"] = "takes no id: saves the admin's own buyer's profile (Setting_up_the_nightly_exchange)",
        ["GET /Index"] = "the public home page",
        ["GET /Error"] = "the error page",
        ["POST /Error"] = "the error page",
        ["GET /Account/Login"] = "before sign-in",
        ["POST /Account/Login"] = "before sign-in",
        ["GET /Account/LoginWith2fa"] = "the user's own pending sign-in",
        ["POST /Account/LoginWith2fa"] = "the user's own pending sign-in",
        ["GET /Account/LoginWithRecoveryCode"] = "the user's own pending sign-in",
        ["POST /Account/LoginWithRecoveryCode"] = "the user's own pending sign-in",
        ["GET /Account/Logout"] = "the user's own session",
        ["POST /Account/Logout"] = "the user's own session",
        ["GET /Account/Language"] = "the user's own preference",
        ["POST /Account/Language"] = "the user's own preference",
        ["GET /Account/ForgotPassword"] = "before sign-in; answers every address alike (Resetting_a_forgotten_password)",
        ["POST /Account/ForgotPassword"] = "before sign-in; answers every address alike (Resetting_a_forgotten_password)",
        ["GET /Account/ResetPassword"] = "a mailed single-use token is the proof (Resetting_a_forgotten_password)",
        ["POST /Account/ResetPassword"] = "a mailed single-use token is the proof (Resetting_a_forgotten_password)",
        ["GET /Account/AcceptInvitation"] = "a mailed token is the proof (Accepting_an_invitation)",
        ["POST /Account/AcceptInvitation"] = "a mailed token is the proof (Accepting_an_invitation)",
        ["GET /Account/ConfirmEmailChange"] = "a mailed token for the signed-in user is the proof",
        ["GET /Account/Reauthenticate"] = "the user's own session",
        ["POST /Account/Reauthenticate"] = "the user's own session",
        ["GET /Account/Manage/Index"] = "the user's own profile",
        ["POST /Account/Manage/Index"] = "the user's own profile",
        ["GET /Account/Manage/ChangePassword"] = "the user's own password",
        ["POST /Account/Manage/ChangePassword"] = "the user's own password",
        ["GET /Account/Manage/ChangeEmail"] = "the user's own address",
        ["POST /Account/Manage/ChangeEmail"] = "the user's own address",
        ["GET /Account/Manage/TwoFactor"] = "the user's own authenticator",
        ["POST /Account/Manage/TwoFactor?handler=Enable"] = "the user's own authenticator",
        ["POST /Account/Manage/TwoFactor?handler=RecoveryCodes"] = "the user's own authenticator",
        ["POST /Account/Manage/TwoFactor?handler=Disable"] = "the user's own authenticator",
    };

    public static TheoryData<string> OrderRoutes => new()
    {
        "GET /Orders/{0}",
        "POST /Orders/{0}?handler=Answer",
        "POST /Orders/{0}?handler=AcceptAll",
        "POST /Orders?handler=Accept",
        "POST /Orders/Csv/Download?handler=Selected",
    };

    [Fact]
    public void Every_page_handler_is_classified_here()
    {
        var handlers = PageHandlers().ToList();

        Assert.Empty(handlers.Except(Handlers.Keys));
        Assert.Empty(Handlers.Keys.Except(handlers));
    }

    [Theory]
    [MemberData(nameof(OrderRoutes))]
    public async Task Another_buyers_order_is_not_found_on_any_route(string route)
    {
        var foreign = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", OrderStatus.New, OrderStatus.Viewed);
        using var session = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);

        var response = await SendAsync(session, route, foreign.Id);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.DoesNotContain(foreign.OrderNumber, response.Text, StringComparison.Ordinal);
        var after = await fixture.ReloadAsync(foreign.Id);
        Assert.Equal(foreign.Version, after.Version);
        Assert.Equal(foreign.ViewedAt, after.ViewedAt);
        Assert.All(after.Lines, l => Assert.Null(l.CurrentAnswer));
    }

    [Fact]
    public async Task A_buyer_the_company_does_not_trade_with_filters_the_inbox_and_its_download_to_nothing()
    {
        await using var db = fixture.Portal.OpenDatabase();
        var kansai = await db.Companies.Where(c => c.Code == "KANSAI-DENKI").Select(c => c.Id).SingleAsync();
        using var midori = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);
        var filter = $"Filter.Tab=All&Filter.Buyer={kansai}";

        var inbox = await midori.GetAsync("/Orders?" + filter);
        var csv = await midori.PostAsync("/Orders/Csv/Download?handler=List&" + filter, inbox, ("encoding", "Utf8"));

        Assert.Equal(HttpStatusCode.OK, inbox.Status);
        Assert.Empty(inbox.Document.QuerySelectorAll("table.orders tbody tr"));
        Assert.All(inbox.Document.QuerySelectorAll(".tabs .count"), c => Assert.Equal("0", c.TextContent));
        Assert.DoesNotContain("関西電機", inbox.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.Single(CsvFiles.Parse((await csv.Response.Content.ReadAsByteArrayAsync())[3..], CsvFiles.Utf8));
    }

    [Fact]
    public async Task Another_companys_checked_upload_cannot_be_confirmed()
    {
        var order = await fixture.TakeOrderAsync("SAKURA-SEIMITSU", OrderStatus.New, OrderStatus.Viewed);
        using var sakura = await fixture.Portal.SignInAsync(OrdersPortal.SakuraOperator);
        using var midori = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);
        var rows = CsvFiles.Parse(await CsvFiles.DownloadTemplateAsync(sakura, "Utf8"), CsvFiles.Utf8);
        var mine = CsvFiles.Records(rows).Where(r => r["注文番号"] == order.OrderNumber).ToList();
        mine.ForEach(r => r["回答区分"] = "受諾");
        var preview = await CsvFiles.PreviewAsync(sakura, CsvFiles.Write(rows[0], mine, CsvFiles.Utf8, bom: true), "Utf8");
        var token = preview.Document.QuerySelector("form.csv-confirm input[name=token]")!.GetAttribute("value")!;
        var form = await midori.GetAsync("/Orders/Upload");

        var stolen = await midori.PostAsync("/Orders/Upload?handler=Confirm", form, ("token", token));
        var unknown = await midori.PostAsync("/Orders/Upload?handler=Confirm", form, ("token", new string('0', token.Length)));

        Assert.Equal(unknown.Status, stolen.Status);
        Assert.Equal(unknown.Document.QuerySelector(".form-errors")!.TextContent, stolen.Document.QuerySelector(".form-errors")!.TextContent);
        Assert.Contains("確認したファイルが見つかりません", stolen.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.All((await fixture.ReloadAsync(order.Id)).Lines, l => Assert.Null(l.CurrentAnswer));
        // The owner's checked file is untouched and still goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await CsvFiles.ConfirmAsync(sakura, preview)).Status);
        Assert.All((await fixture.ReloadAsync(order.Id)).Lines, l => Assert.Equal(ResponseKind.Accepted, l.CurrentAnswer));
    }

    [Fact]
    public async Task The_inbox_lists_only_the_companys_own_orders_from_each_of_its_buyers()
    {
        using var midori = await fixture.Portal.SignInAsync(OrdersPortal.MidoriAdmin);
        using var sakura = await fixture.Portal.SignInAsync(PortalServer.SakuraAdmin);

        var midoriBuyers = await BuyersOnAllPagesAsync(midori);
        var sakuraBuyers = await BuyersOnAllPagesAsync(sakura);

        Assert.Equal(["東海モーター工業株式会社"], midoriBuyers);
        Assert.Equal(2, sakuraBuyers.Count);
        var sakuraFilter = (await sakura.GetAsync("/Orders")).Document.QuerySelectorAll("select[name='Filter.Buyer'] option").Length;
        Assert.Equal(3, sakuraFilter);
    }

    [Fact]
    public async Task A_platform_operator_belongs_to_no_company_and_is_refused_the_trade_pages()
    {
        using var session = await fixture.Portal.SignInAsync("operator@webedi.example");

        var response = await session.GetAsync("/Orders");

        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Contains("/Account/AccessDenied", response.Location, StringComparison.Ordinal);
    }

    /// <summary>"VERB /Page/Path[?handler=Name]" for every handler method of every Razor page compiled into the server.</summary>
    private static IEnumerable<string> PageHandlers()
    {
        var server = typeof(WebEdi.Server.Portal.PortalUser).Assembly;
        foreach (var item in server.GetCustomAttributes<RazorCompiledItemAttribute>().Where(i => i.Kind == "mvc.1.0.razor-page"))
        {
            var template = item.Type.GetCustomAttributes<RazorCompiledItemMetadataAttribute>().FirstOrDefault(m => m.Key == "RouteTemplate")?.Value;
            var path = template is not null && template.StartsWith('/') ? template : item.Identifier["/Pages".Length..^".cshtml".Length];
            var model = item.Type.GetProperty("Model")?.PropertyType;
            if (model is null || !typeof(PageModel).IsAssignableFrom(model))
            {
                continue;
            }

            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (HandlerName().Match(method.Name) is { Success: true } match)
                {
                    var handler = match.Groups["handler"].Value;
                    yield return $"{match.Groups["verb"].Value.ToUpperInvariant()} {path}{(handler.Length > 0 ? "?handler=" + handler : "")}";
                }
            }
        }
    }

    [GeneratedRegex("^On(?<verb>Get|Post|Put|Delete)(?<handler>\\w*?)(Async)?$")]
    private static partial Regex HandlerName();

    private static async Task<List<string>> BuyersOnAllPagesAsync(PortalSession session)
    {
        var buyers = new HashSet<string>();
        for (var number = 1; ; number++)
        {
            var page = await session.GetAsync($"/Orders?Filter.Tab=All&Filter.PageNumber={number}");
            foreach (var cell in page.Document.QuerySelectorAll("table.orders tbody tr td:nth-child(3)"))
            {
                buyers.Add(cell.TextContent.Trim());
            }

            if (page.Document.QuerySelector(".pager a[rel=next]") is null)
            {
                return [.. buyers.Order()];
            }
        }
    }

    private static async Task<PortalPage> SendAsync(PortalSession session, string route, Guid id)
    {
        var own = await session.GetAsync("/Orders");
        var (method, path) = (route.Split(' ')[0], string.Format(CultureInfo.InvariantCulture, route.Split(' ')[1], id));
        if (method == "GET")
        {
            return await session.GetAsync(path);
        }

        return route.Contains("{0}", StringComparison.Ordinal)
            ? await session.PostAsync(path, own, ("Version", "1"), ("Answers[0].LineNumber", "1"), ("Answers[0].Kind", "Accept"))
            : await session.PostAsync(path, own, ("selected", id.ToString()), ("encoding", "Utf8"));
    }
}
