namespace TechCenters.Web.Features.Units;

/// <summary>Personal data is always shown masked; the clear value needs a permission, a reason and an audit entry.</summary>
public static class Masking
{
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return "";
        if (phone == Security.PersonalDataProtector.Unreadable) return phone;
        if (phone.Length < 7) return new string('*', phone.Length);
        return phone[..3] + "****" + phone[^4..];
    }

    public static string Email(string? email)
    {
        if (string.IsNullOrEmpty(email)) return "";
        if (email == Security.PersonalDataProtector.Unreadable) return email;
        var at = email.IndexOf('@');
        if (at <= 0) return new string('*', email.Length);
        return email[..1] + "***" + email[at..];
    }

    public static string IdNumber(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "";
        if (id == Security.PersonalDataProtector.Unreadable) return id;
        if (id.Length < 10) return new string('*', id.Length);
        return id[..6] + new string('*', id.Length - 10) + id[^4..];
    }
}
