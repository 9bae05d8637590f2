/**
 * Cloud and hosting providers: AWS, GCP, Azure, DigitalOcean, Heroku, Alibaba, IBM, Linode,
 * Cloudflare, Fly.io, Netlify, Vercel. Patterns follow gitleaks' rules (cmd/generate/config/rules),
 * rewritten as JavaScript regexes.
 */
import { ALNUM, BASE32, BASE64, BASE64URL, HEX, LOWER_ALNUM, UPPER_ALNUM, sampleSecret as s } from "../sample-secret.js";
import { assignedTo } from "../secret-rule.js";
import { defineRule } from "./define-rule.js";

const uuid = (seed: string): string =>
  [s(HEX, 8, seed), s(HEX, 4, `${seed}b`), s(HEX, 4, `${seed}c`), s(HEX, 4, `${seed}d`), s(HEX, 12, `${seed}e`)].join("-");

export const CLOUD_RULES = [
  defineRule({
    id: "aws-access-key-id",
    description: "AWS access key id: with its secret key it grants the IAM identity's permissions.",
    severity: "critical",
    keywords: ["akia", "asia", "abia", "acca", "a3t"],
    regex: /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    entropy: 3,
    truePositives: [
      `aws_access_key_id = ${"AKIA" + s(BASE32, 16, "aws-id-1")}`, // long-term user key in an ini file
      `"AccessKeyId": "${"ASIA" + s(BASE32, 16, "aws-id-2")}"`, // STS temporary key in JSON
    ],
    falsePositives: [
      "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", // AWS's documentation key (stopword)
      `key = ${"AKIA" + s(BASE32, 10, "aws-id-3")}`, // too short
      `AKIA${s(BASE32, 16, "aws-id-4").toLowerCase()}`, // lower case is not a key id
    ],
  }),
  defineRule({
    id: "aws-secret-access-key",
    description: "AWS secret access key assigned to an AWS-named variable: signs requests as the IAM identity.",
    severity: "critical",
    keywords: ["aws"],
    regex: /aws[\w.-]{0,20}?(?:secret|sk)[\w.-]{0,20}["']?\s*(?::=|=>|=|:)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    entropy: 4,
    truePositives: [
      `aws_secret_access_key = ${s(BASE64, 40, "aws-secret-1")}`, // ~/.aws/credentials
      `AWS_SECRET_ACCESS_KEY: "${s(BASE64, 40, "aws-secret-2")}"`, // CI yaml
    ],
    falsePositives: [
      `aws_secret_access_key = ${s(BASE64, 30, "aws-secret-3")}`, // wrong length
      `aws_secret_access_key = ${"a".repeat(40)}`, // no entropy
      `aws_region = ${s(BASE64, 40, "aws-secret-4")}`, // not a secret name
    ],
  }),
  defineRule({
    id: "aws-bedrock-api-key",
    description: "Amazon Bedrock long-term API key: calls Bedrock models billed to the account.",
    keywords: ["absk"],
    regex: /\b(ABSK[A-Za-z0-9+/]{109,269}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 3,
    truePositives: [`BEDROCK_KEY=ABSK${s(BASE64, 130, "bedrock-1")}`], // long-term key in .env
    falsePositives: [`ABSK${s(BASE64, 40, "bedrock-2")}`], // too short
  }),
  defineRule({
    id: "gcp-api-key",
    description: "Google Cloud API key: bills and calls the enabled Google APIs of its project.",
    keywords: ["aiza"],
    regex: /\b(AIza[\w-]{35})(?![\w-])/,
    entropy: 3,
    truePositives: [`const firebase = { apiKey: "AIza${s(BASE64URL, 35, "gcp-key-1")}" };`], // web config
    falsePositives: [`AIza${s(BASE64URL, 20, "gcp-key-2")}`, `AIza${"-".repeat(35)}`], // short; no entropy
  }),
  defineRule({
    id: "gcp-service-account-key",
    description: "Google service-account key file (private_key_id): the JSON key authenticates as the service account.",
    severity: "critical",
    keywords: ["private_key_id"],
    regex: /"private_key_id"\s*:\s*"([a-f0-9]{40})"/,
    truePositives: [`  "type": "service_account", "private_key_id": "${s(HEX, 40, "gcp-sa-1")}",`], // key JSON
    falsePositives: [`"private_key_id": "${s(HEX, 12, "gcp-sa-2")}"`, `"private_key_id": ""`], // short; empty
  }),
  defineRule({
    id: "gcp-oauth-client-secret",
    description: "Google OAuth client secret (GOCSPX-): impersonates the OAuth application.",
    keywords: ["gocspx-"],
    regex: /\b(GOCSPX-[A-Za-z0-9_-]{28})(?![\w-])/,
    entropy: 3,
    truePositives: [`client_secret=GOCSPX-${s(BASE64URL, 28, "gocspx-1")}`], // OAuth client JSON
    falsePositives: [`GOCSPX-${s(BASE64URL, 10, "gocspx-2")}`], // truncated
  }),
  defineRule({
    id: "azure-storage-account-key",
    description: "Azure storage account key (AccountKey= in a connection string): full access to the account's data.",
    severity: "critical",
    keywords: ["accountkey"],
    regex: /AccountKey\s*=\s*([A-Za-z0-9+/]{86}==)/i,
    entropy: 4,
    truePositives: [
      `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${s(BASE64, 86, "azure-st-1")}==;EndpointSuffix=core.windows.net`, // connection string
    ],
    falsePositives: [`AccountKey=${s(BASE64, 40, "azure-st-2")}==`, "AccountKey=${AZURE_STORAGE_KEY}"], // short; variable
  }),
  defineRule({
    id: "azure-shared-access-key",
    description: "Azure Service Bus / Event Hubs SharedAccessKey in a connection string: sends and reads messages.",
    keywords: ["sharedaccesskey="],
    regex: /SharedAccessKey=([A-Za-z0-9+/]{43}=)/,
    entropy: 4,
    truePositives: [
      `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${s(BASE64, 43, "azure-sb-1")}=`, // Service Bus
    ],
    falsePositives: ["SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>"], // placeholder
  }),
  defineRule({
    id: "azure-sas-token",
    description: "Azure shared access signature (sv=…&sig=…) in a URL: time-limited access to storage resources.",
    severity: "medium",
    keywords: ["sig="],
    regex: /[?&]sv=\d{4}-\d{2}-\d{2}[^\s"'<>]{0,300}?&sig=([A-Za-z0-9%+/]{40,100}(?:%3D|=)?)/,
    entropy: 3.5,
    truePositives: [`https://acct.blob.core.windows.net/c/f?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig=${s(ALNUM, 44, "sas-1")}%3D`], // blob SAS URL
    falsePositives: [`https://example.org/?sig=${s(ALNUM, 44, "sas-2")}`], // no sv= version: not SAS
  }),
  defineRule({
    id: "azure-ad-client-secret",
    description: "Microsoft Entra ID (Azure AD) application client secret: authenticates as the app registration.",
    keywords: ["q~"],
    regex: /(?:^|[\\'"\x60\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'"\x60\s<),])/m,
    entropy: 3,
    truePositives: [`AZURE_CLIENT_SECRET="${s(ALNUM, 3, "aad-1")}8Q~${s(ALNUM, 34, "aad-2")}"`], // .env
    falsePositives: [`"abc8Q~short"`], // too short
  }),
  defineRule({
    id: "digitalocean-pat",
    description: "DigitalOcean personal access token: manages droplets, DNS and billing.",
    keywords: ["dop_v1_"],
    regex: /\b(dop_v1_[a-f0-9]{64})\b/,
    entropy: 3,
    truePositives: [`DIGITALOCEAN_TOKEN=dop_v1_${s(HEX, 64, "do-1")}`],
    falsePositives: [`dop_v1_${s(HEX, 20, "do-2")}`], // short
  }),
  defineRule({
    id: "digitalocean-oauth-token",
    description: "DigitalOcean OAuth access token.",
    keywords: ["doo_v1_"],
    regex: /\b(doo_v1_[a-f0-9]{64})\b/,
    entropy: 3,
    truePositives: [`token: doo_v1_${s(HEX, 64, "doo-1")}`],
    falsePositives: [`doo_v1_${s(ALNUM, 64, "doo-2")}Z`], // not hex
  }),
  defineRule({
    id: "digitalocean-refresh-token",
    description: "DigitalOcean OAuth refresh token: mints new access tokens.",
    keywords: ["dor_v1_"],
    regex: /\b(dor_v1_[a-f0-9]{64})\b/,
    entropy: 3,
    truePositives: [`refresh_token = "dor_v1_${s(HEX, 64, "dor-1")}"`],
    falsePositives: [`dor_v1_${s(HEX, 63, "dor-2")}`], // one char short
  }),
  defineRule({
    id: "heroku-api-key",
    description: "Heroku API key (legacy UUID form) assigned to a Heroku-named variable: controls apps and config vars.",
    keywords: ["heroku"],
    regex: assignedTo("heroku", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    truePositives: [`HEROKU_API_KEY="${uuid("heroku-1")}"`],
    falsePositives: [`heroku_app_name = "my-app"`, `user_id = "${uuid("heroku-2")}"`], // not a key; not heroku
  }),
  defineRule({
    id: "heroku-api-key-v2",
    description: "Heroku API key (HRKU- prefix): controls apps and config vars.",
    keywords: ["hrku-aa"],
    regex: /\b(HRKU-AA[0-9a-zA-Z_-]{58})(?![\w-])/,
    entropy: 4,
    truePositives: [`heroku auth token HRKU-AA${s(BASE64URL, 58, "hrku-1")}`],
    falsePositives: [`HRKU-AA${s(BASE64URL, 30, "hrku-2")}`],
  }),
  defineRule({
    id: "alibaba-access-key-id",
    description: "Alibaba Cloud AccessKey ID (LTAI): identifies the key whose secret signs API calls.",
    keywords: ["ltai"],
    regex: /\b(LTAI[a-zA-Z0-9]{20})\b/,
    entropy: 2,
    truePositives: [`accessKeyId: LTAI${s(ALNUM, 20, "ali-1")}`],
    falsePositives: [`LTAI${s(ALNUM, 12, "ali-2")}`],
  }),
  defineRule({
    id: "alibaba-secret-key",
    description: "Alibaba Cloud AccessKey secret assigned to an Alibaba-named variable.",
    severity: "critical",
    keywords: ["alibaba", "aliyun"],
    regex: assignedTo("alibaba|aliyun", "[a-zA-Z0-9]{30}"),
    entropy: 2,
    truePositives: [`ALIBABA_CLOUD_ACCESS_KEY_SECRET=${s(ALNUM, 30, "ali-sec-1")}`, `aliyun_secret: "${s(ALNUM, 30, "ali-sec-2")}"`],
    falsePositives: [`alibaba_region = cn-hangzhou`],
  }),
  defineRule({
    id: "ibm-cloud-api-key",
    description: "IBM Cloud API key assigned to an IBM-named variable: authenticates as the IAM user or service id.",
    keywords: ["ibm"],
    regex: assignedTo(String.raw`ibm[\w.-]{0,20}?(?:api[\w.-]?key|apikey|iam[\w.-]?key)`, "[A-Za-z0-9_-]{44}"),
    entropy: 3.5,
    truePositives: [`IBM_CLOUD_API_KEY="${s(BASE64URL, 44, "ibm-1")}"`],
    falsePositives: [`ibm_region = "us-south"`, `IBM_CLOUD_API_KEY="${s(BASE64URL, 20, "ibm-2")}"`],
  }),
  defineRule({
    id: "linode-api-token",
    description: "Linode (Akamai) API token assigned to a Linode-named variable.",
    keywords: ["linode"],
    regex: assignedTo("linode", "[a-f0-9]{64}"),
    entropy: 3,
    truePositives: [`LINODE_TOKEN=${s(HEX, 64, "linode-1")}`],
    falsePositives: [`linode_region = us-east`],
  }),
  defineRule({
    id: "cloudflare-api-token",
    description: "Cloudflare API token assigned to a Cloudflare-named variable: manages zones, DNS and Workers.",
    keywords: ["cloudflare"],
    regex: assignedTo("cloudflare", "[a-z0-9_-]{40}"),
    entropy: 3.5,
    truePositives: [`CLOUDFLARE_API_TOKEN=${s(LOWER_ALNUM + "_-", 40, "cf-1")}`],
    falsePositives: [`cloudflare_zone = "example.com"`],
  }),
  defineRule({
    id: "cloudflare-global-api-key",
    description: "Cloudflare global API key (37 hex): full account access with the account email.",
    severity: "critical",
    keywords: ["cloudflare"],
    regex: assignedTo("cloudflare", "[a-f0-9]{37}"),
    entropy: 3,
    truePositives: [`cloudflare_global_api_key = "${s(HEX, 37, "cf-g-1")}"`],
    falsePositives: [`cloudflare_global_api_key = "${s(HEX, 36, "cf-g-2")}"`],
  }),
  defineRule({
    id: "cloudflare-origin-ca-key",
    description: "Cloudflare Origin CA key (v1.0-): issues origin certificates for the account.",
    keywords: ["v1.0-"],
    regex: /\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b/,
    entropy: 3,
    truePositives: [`CF_ORIGIN_CA_KEY=v1.0-${s(HEX, 24, "cf-o-1")}-${s(HEX, 146, "cf-o-2")}`],
    falsePositives: [`version v1.0-${s(HEX, 24, "cf-o-3")}`],
  }),
  defineRule({
    id: "flyio-access-token",
    description: "Fly.io access or macaroon token (fo1_, fm1a_, fm2_): deploys and controls Fly apps.",
    keywords: ["fo1_", "fm1", "fm2_"],
    regex: /\b(fo1_[\w-]{43}|fm1[ar]_[a-zA-Z0-9+/]{100,}={0,3}|fm2_[a-zA-Z0-9+/]{100,}={0,3})/,
    entropy: 4,
    truePositives: [`FLY_API_TOKEN=fo1_${s(BASE64URL, 43, "fly-1")}`, `FLY_API_TOKEN="fm2_${s(BASE64, 120, "fly-2")}=="`],
    falsePositives: [`fo1_${s(BASE64URL, 10, "fly-3")}`],
  }),
  defineRule({
    id: "netlify-access-token",
    description: "Netlify personal access token assigned to a Netlify-named variable.",
    keywords: ["netlify"],
    regex: assignedTo("netlify", "[a-z0-9=_-]{40,46}"),
    entropy: 3,
    truePositives: [`NETLIFY_AUTH_TOKEN=${s(LOWER_ALNUM, 43, "netlify-1")}`],
    falsePositives: [`netlify_site = my-site`],
  }),
  defineRule({
    id: "vercel-access-token",
    description: "Vercel access token assigned to a Vercel-named variable: deploys and reads project env.",
    keywords: ["vercel"],
    regex: assignedTo("vercel", "[A-Za-z0-9]{24}"),
    entropy: 3.5,
    truePositives: [`VERCEL_TOKEN=${s(ALNUM, 24, "vercel-1")}`],
    falsePositives: [`vercel_project = my-project`],
  }),
  defineRule({
    id: "scaleway-secret-key",
    description: "Scaleway secret key (UUID) assigned to a Scaleway-named variable.",
    keywords: ["scw_secret", "scaleway"],
    regex: assignedTo("scw_secret_key|scaleway", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    truePositives: [`SCW_SECRET_KEY=${uuid("scw-1")}`],
    falsePositives: [`SCW_DEFAULT_REGION=fr-par`],
  }),
  defineRule({
    id: "oci-auth-token",
    description: "OCI auth token assigned to an OCI-named variable: authenticates as the Oracle Cloud user.",
    keywords: ["oci_"],
    regex: assignedTo(String.raw`oci_[\w]{0,20}?(?:auth_token|password)`, String.raw`[A-Za-z0-9+\-_.:;()<>{}\[\]#]{20}`),
    entropy: 3.5,
    truePositives: [`OCI_AUTH_TOKEN="${s(ALNUM, 20, "oci-1")}"`],
    falsePositives: [`OCI_REGION="us-ashburn-1"`],
  }),
  defineRule({
    id: "tencent-secret-id",
    description: "Tencent Cloud SecretId (AKID…): identifies the key whose secret signs API calls.",
    keywords: ["akid"],
    regex: /\b(AKID[A-Za-z0-9]{32})\b/,
    entropy: 3,
    truePositives: [`TENCENTCLOUD_SECRET_ID=AKID${s(ALNUM, 32, "tencent-1")}`],
    falsePositives: [`AKID${s(ALNUM, 12, "tencent-2")}`],
  }),
  defineRule({
    id: "vultr-api-key",
    description: "Vultr API key assigned to a Vultr-named variable.",
    keywords: ["vultr"],
    regex: assignedTo("vultr", "[A-Z0-9]{36}"),
    entropy: 3.5,
    truePositives: [`VULTR_API_KEY=${s(UPPER_ALNUM, 36, "vultr-1")}`],
    falsePositives: [`vultr_region = ewr`],
  }),
] as const;
