import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { findSecrets, userDataTexts } from "../lib/user-data";
import { get, str } from "../lib/unknown";
import { forTypes } from "../lib/validation";

/** The user data properties of each type: instances and launch configurations take text or base64, launch templates base64. */
const USER_DATA_KEYS: Record<string, readonly string[]> = {
    [T.Instance]: ["userData", "userDataBase64"],
    [T.LaunchConfiguration]: ["userData", "userDataBase64"],
    [T.LaunchTemplate]: ["userData"],
};

const FIX =
    "User data is not secret: whoever can describe the instance or template, and every process on the instance " +
    "(through the instance metadata service), can read it. Remove the secret and rotate it; give the instance an " +
    "IAM role for AWS access, and fetch other secrets at boot from SSM Parameter Store or Secrets Manager.";

const joinAnd = (items: string[]): string =>
    items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/**
 * User data must not contain credentials (checkov CKV_AWS_46; trivy AVD-AWS-0029 for instances and
 * AVD-AWS-0129 for launch templates): an AWS access key ID (AKIA/ASIA/ABIA/ACCA followed by 16 characters), a
 * 40-character AWS secret access key next to one of its names (aws_secret_access_key=..., "SecretAccessKey":
 * "...", ...), a private key block (-----BEGIN ... PRIVATE KEY-----), a password given a literal value
 * (PASSWORD=..., export DB_PASSWORD="...", --password=..., password: ..., "password": "...", db.password = ...),
 * or a URL with a password (postgres://user:pass@host, mysql://, mongodb+srv://, redis://:pass@host, ...).
 * A password that is a reference is not one: $VAR, ${VAR}, $(aws ssm get-parameter ...), `...`, {{ ... }},
 * an empty value, null/true/false, or code such as os.environ["X"]; nor are names that only start with
 * "password" (PASSWORD_FILE=/run/secrets/db, PasswordAuthentication). Checked: Instance
 * userData/userDataBase64, LaunchConfiguration userData/userDataBase64, LaunchTemplate userData. Each value is
 * scanned as written and, when it is base64 (the provider passes an Instance's already-base64 userData on as
 * is; templates always take base64), decoded, and gunzipped when it is gzip data. Multipart parts that are
 * themselves base64 are not decoded.
 *
 * The message names the property, the kind of secret and its line, never the secret.
 *
 * Unknown and secret values: an unknown value is not reported (`pulumi up` checks the real value). This
 * project's own tools (npm run plan, policy:check) pass secret values to the pack as unknown, so they are not
 * reported there either. The Pulumi CLI instead sends a secret's plaintext, and the policy SDK strips the
 * secret marker before a resource policy sees it (node_modules/@pulumi/policy/server.js), so under
 * `pulumi preview`/`up` a secret user data value is scanned like any other: marking it secret keeps it out
 * of the state file, not out of EC2.
 */
export const ec2NoSecretsInUserData: ResourceValidationPolicy = {
    name: "ec2-no-secrets-in-user-data",
    description:
        "EC2 user data (instances, launch templates, launch configurations) must not contain AWS access keys, " +
        "private keys or hard-coded passwords (assigned to a password variable or key, or in a connection string): " +
        "anyone who can describe the instance or template, and any process on it, can read user data in clear " +
        "text (checkov CKV_AWS_46, trivy AVD-AWS-0029 and AVD-AWS-0129).",
    enforcementLevel: "mandatory",
    validateResource: forTypes(Object.keys(USER_DATA_KEYS), (args, reportViolation) => {
        for (const key of USER_DATA_KEYS[args.type] ?? []) {
            const value = str(get(args.props, key));
            if (typeof value !== "string") {
                continue;
            }
            for (const { text, how } of userDataTexts(value)) {
                const findings = findSecrets(text);
                if (findings.length > 0) {
                    const what = joinAnd(findings.map(f => `${f.what} (line ${f.line})`));
                    reportViolation(`${key}${how === "" ? "" : ` (${how})`} contains ${what}. ${FIX}`);
                    break;
                }
            }
        }
    }),
};
