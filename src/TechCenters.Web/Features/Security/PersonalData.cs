using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TechCenters.Web.Features.Units;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Security;

/// <summary>
/// Personal data at rest (phone numbers, ID numbers, e-mail addresses of people and experts) is stored as
/// <c>sm4:&lt;key id&gt;:&lt;base64(nonce ‖ SM4-GCM ciphertext ‖ tag)&gt;</c>, the column name bound in as associated data so
/// a value cannot be moved to another column. Code reads and writes plain strings (an EF value converter); a value
/// that does not decrypt (key missing or wrong, data altered) reads as <see cref="Unreadable"/>, never as the ciphertext.
/// </summary>
public sealed class PersonalDataProtector(KeyRing ring, ICryptoProvider crypto)
{
    public const string Prefix = "sm4:";
    public const string Unreadable = "［无法解密］";

    public string Protect(string plain, string column) => Protect(plain, column, ring.Keys.Current);

    public string Protect(string plain, string column, KeyFile.DataKey key)
    {
        var nonce = crypto.RandomBytes(12);
        var sealed_ = crypto.Sm4GcmEncrypt(key.EncryptionKey, nonce, Encoding.UTF8.GetBytes(plain), Encoding.UTF8.GetBytes(column));
        return $"{Prefix}{key.Id}:{Convert.ToBase64String([.. nonce, .. sealed_])}";
    }

    /// <summary>The clear value; a value written before encryption (no prefix) is returned as it is until `keys rotate` encrypts it.</summary>
    public string Unprotect(string stored, string column)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) return stored;
        var parts = stored.Split(':', 3);
        if (parts.Length != 3 || ring.Keys.FindData(parts[1]) is not { } key) return Unreadable;
        byte[] bytes;
        try { bytes = Convert.FromBase64String(parts[2]); }
        catch (FormatException) { return Unreadable; }
        if (bytes.Length < 12 + 16) return Unreadable;
        var plain = crypto.Sm4GcmDecrypt(key.EncryptionKey, bytes.AsSpan(0, 12), bytes.AsSpan(12), Encoding.UTF8.GetBytes(column));
        return plain is null ? Unreadable : Encoding.UTF8.GetString(plain);
    }

    public static string? KeyIdOf(string? stored) =>
        stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal) && stored.Split(':', 3) is { Length: 3 } p ? p[1] : null;

    /// <summary>Keyed SM3 (HMAC-SM3 with the current data key's look-up half) of the normalized value, for equality look-ups.</summary>
    public string LookupHash(string value) => LookupHash(value, ring.Keys.Current);

    public string LookupHash(string value, KeyFile.DataKey key) =>
        Convert.ToHexStringLower(crypto.HmacSm3(key.LookupKey, Encoding.UTF8.GetBytes(Normalize(value))));

    /// <summary>Digits and letters only, upper case: "138 0013 8000" and "13800138000" look up the same person.</summary>
    public static string Normalize(string value) => new(value.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>Whether a search text is a phone number or an ID number (then the search is an exact, keyed-hash look-up).</summary>
    public static bool IsLookup(string? q)
    {
        if (q is null || !q.Trim().All(c => char.IsAsciiDigit(c) || c is 'X' or 'x' or ' ' or '-')) return false;
        var n = Normalize(q);
        return (n.Length == 11 && n.All(char.IsAsciiDigit)) || (n.Length == 18 && n[..17].All(char.IsAsciiDigit) && (char.IsAsciiDigit(n[17]) || n[17] == 'X'));
    }
}

/// <summary>The encrypted columns and their look-up hashes, in one place.</summary>
public static class PersonalDataColumns
{
    /// <summary>Stored length of an encrypted column: prefix, key id, base64 of nonce + up to 100 bytes + tag.</summary>
    public const int StoredLength = 200;

    public static void Apply(ModelBuilder b, PersonalDataProtector? protector)
    {
        if (protector is null) return; // design time and schema tools: the column is a string either way
        Encrypt<Person>(b, "People", protector, nameof(Person.Phone), nameof(Person.IdNumber), nameof(Person.Email));
        Encrypt<Expert>(b, "Experts", protector, nameof(Expert.Phone), nameof(Expert.Email));
    }

    private static void Encrypt<T>(ModelBuilder b, string table, PersonalDataProtector protector, params string[] properties) where T : class
    {
        foreach (var p in properties)
        {
            var column = $"{table}.{p}";
            b.Entity<T>().Property<string?>(p).HasConversion(new ValueConverter<string?, string?>(
                v => v == null ? null : protector.Protect(v, column),
                v => v == null ? null : protector.Unprotect(v, column)));
        }
    }

    /// <summary>Fills the look-up hashes of every person or expert being saved.</summary>
    public sealed class Hashes(PersonalDataProtector protector) : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData e, InterceptionResult<int> result)
        {
            Fill(e.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData e, InterceptionResult<int> result, CancellationToken ct = default)
        {
            Fill(e.Context);
            return ValueTask.FromResult(result);
        }

        private void Fill(DbContext? db)
        {
            if (db is null) return;
            foreach (var entry in db.ChangeTracker.Entries())
            {
                if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
                switch (entry.Entity)
                {
                    case Person p:
                        p.PhoneHash = Hash(p.Phone);
                        p.IdNumberHash = Hash(p.IdNumber);
                        break;
                    case Expert x:
                        x.PhoneHash = Hash(x.Phone);
                        break;
                }
            }
        }

        private string? Hash(string? v) => string.IsNullOrWhiteSpace(v) || v == PersonalDataProtector.Unreadable ? null : protector.LookupHash(v);
    }

    /// <summary>The EF model carries this app's protector, so each key ring gets its own model (a test host with other keys too).</summary>
    public sealed class ModelCacheKey : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (context.GetType(), ProtectorOf(context), designTime);
    }

    public static PersonalDataProtector? ProtectorOf(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<PersonalDataProtector>();
}
