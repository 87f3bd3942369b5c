namespace WebEdi.Server.Pages.Orders;

/// <summary>The anchor type of the order pages' messages (Resources/Pages/Orders/OrdersText.en.resx).</summary>
public sealed class OrdersText;
