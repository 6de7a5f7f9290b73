using System.Security.Cryptography.X509Certificates;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>The certificate that encrypts the Data Protection key ring at rest, when one is configured.</summary>
public static class DataProtectionCertificate
{
    public const string PathSetting = "DataProtection:CertificatePath", PasswordSetting = "DataProtection:CertificatePassword";

    /// <summary>A PFX (PKCS#12) file with its private key; every instance needs the same one to read the keys.</summary>
    public static X509Certificate2? Load(IConfiguration config)
    {
        if (config[PathSetting] is not { Length: > 0 } path) return null;
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, config[PasswordSetting]);
        return certificate.HasPrivateKey ? certificate
            : throw new InvalidOperationException($"{PathSetting} ({path}) has no private key: the app could not read its own keys back.");
    }
}
