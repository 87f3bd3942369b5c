using WebEdi.Domain.Orders;
using static WebEdi.Domain.Tests.Scenario;

namespace WebEdi.Domain.Tests.Orders;

public class Opening_an_order
{
    [Fact]
    public void The_first_opening_marks_a_new_order_viewed()
    {
        var order = Receive(Line(1));

        order.MarkViewed(Viewed);

        Assert.Equal(OrderStatus.Viewed, order.Status);
        Assert.Equal(Viewed, order.ViewedAt);
    }

    [Fact]
    public void Later_openings_keep_the_first_instant()
    {
        var order = Receive(Line(1));
        order.MarkViewed(Viewed);

        order.MarkViewed(Answered);

        Assert.Equal(Viewed, order.ViewedAt);
    }

    [Fact]
    public void Opening_an_answered_order_leaves_it_answered()
    {
        var order = ReceiveAccepted(Line(1));

        order.MarkViewed(Reanswered);

        Assert.Equal(OrderStatus.Answered, order.Status);
        Assert.Equal(Answered, order.ViewedAt);
    }
}
