// A real OpenID Connect provider for the single sign-on tests (npm oidc-provider), on
// loopback: one client (ours), and anyone may sign in with any password through its
// development login and consent pages. The login typed is the account's e-mail address.
// Settings from the environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI.
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["given_name", "family_name", "name"],
  },
  async findAccount(ctx, id) {
    const local = id.split("@")[0];
    const [given, family = ""] = local.split(".");
    const title = (word) => word.charAt(0).toUpperCase() + word.slice(1);
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: id,
          // A login starting "unverified" stands for an address the provider has not checked.
          email_verified: !id.startsWith("unverified"),
          given_name: title(given),
          family_name: title(family),
          name: `${title(given)} ${title(family)}`.trim(),
        };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["oidc-test-rig-only"] },
});
provider.proxy = false;
provider.listen(port, "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});
