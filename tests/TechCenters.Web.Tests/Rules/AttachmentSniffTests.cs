using Shouldly;
using TechCenters.Web.Features.Applications;
using Xunit;

namespace TechCenters.Web.Tests.Rules;

public sealed class AttachmentSniffTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, null)]            // GIF
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, null)]                        // ZIP / docx
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 }, null)]                        // "%PDF" without the dash
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A }, null)]      // PNG signature cut short
    [InlineData(new byte[] { 0xFF, 0xD8 }, null)]
    [InlineData(new byte[0], null)]
    public void The_type_is_read_from_the_content(byte[] head, string? expected) => AttachmentStore.Sniff(head).ShouldBe(expected);
}
