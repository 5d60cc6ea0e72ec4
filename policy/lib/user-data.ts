// Finding credentials in EC2 user data, without ever returning the credential itself.
import { gunzipSync } from "node:zlib";

/** A kind of secret that was found, and the first line (1-based) of the scanned text it is on. */
export interface SecretFinding {
    /**
     * For messages: "an AWS access key ID", "an AWS secret access key", "a private key", "a password",
     * "a connection string with a password".
     */
    what: string;
    line: number;
}

/** Names that hold an AWS secret access key: aws_secret_access_key, AWS_SECRET_ACCESS_KEY, SecretAccessKey, aws-secret-key, ... */
const SECRET_KEY_NAME = String.raw`(?:aws[_.-]?)?secret[_.-]?access[_.-]?key|aws[_.-]?secret[_.-]?key`;

/**
 * Names that hold a password: a whole name token (letters, digits, `_`, `.`, `-`) that is or ends in "password"
 * or "passwd", in any case: PASSWORD, DB_PASSWORD, MYSQL_ROOT_PASSWORD, db.password, --password,
 * plain_text_passwd. PASSWORD_FILE, PasswordAuthentication and PermitEmptyPasswords do not end in one, and
 * `$PASSWORD` or `${PASSWORD...}` is a use of a variable, not a name being given a value.
 */
const PASSWORD_NAME = String.raw`(?<![-\w.$\{])[-\w.]*(?:password|passwd)(?![-\w.])`;

/**
 * The value after a name and its separator: a double- or single-quoted string closed on the same line, or an
 * unquoted word (backslash escapes such as \" included) that ends at white space, a quote, `,`, `;`, `&`, `)`,
 * `}` or `]`.
 */
const VALUE = String.raw`("[^"\n]*"|'[^'\n]*'|(?:\\.|[^\s"',;&)}\]\\])*)`;

/**
 * A value that refers to a password instead of holding one: a shell variable or command ($VAR, ${VAR},
 * $(...), `...`), a template ({{ ... }}, <%= ... %>, %s, %VAR%), a placeholder (<password>, ***, [REDACTED]),
 * a YAML alias (*name), or the rest of an expression (=, ;, |, ...).
 */
const REFERENCE_START = /^[$`{}<>%=;|&()#*~,[\]]/;
/** Unquoted words that are no password: YAML/JSON nulls and booleans (cloud-config's `lock_passwd: true`). */
const NOT_A_VALUE = /^(?:null|nil|none|undefined|true|false|yes|no|on|off)$/i;
/** An unquoted value that is code reading a password: os.environ["X"], getpass(), config.get(...), process.env.X. */
const CODE_REFERENCE = /^[A-Za-z_]\w*(?:\(|\[|\.[A-Za-z_])/;

/**
 * Whether a captured value is a hard-coded password: not empty, not starting with white space (the text after
 * `password: ` in `echo "Enter password: " ...` is the rest of the command), and not a reference.
 */
function isLiteralPassword(raw: string): boolean {
    const quoted = /^\\?["']/.test(raw);
    const value = raw.replace(/^\\?["']/, "").replace(/\\?["']$/, "");
    if (value === "" || /^\s/.test(value) || REFERENCE_START.test(value)) {
        return false;
    }
    return quoted || !(NOT_A_VALUE.test(value) || CODE_REFERENCE.test(value));
}

interface Detector {
    what: string;
    /** A global pattern; each match is a candidate. */
    pattern: RegExp;
    /** Whether a candidate is a finding; every match is when absent. */
    accept?: (match: RegExpExecArray) => boolean;
}

const DETECTORS: readonly Detector[] = [
    // Access key IDs: AKIA (long-term), ASIA (temporary, STS), ABIA (STS service bearer token), ACCA
    // (context-specific credential), then 16 upper-case letters or digits (AWS IAM "unique ID prefixes").
    { what: "an AWS access key ID", pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
    // A 40-character secret access key right after one of its names and an assignment, a colon or a space
    // (`aws_secret_access_key = ...`, `"SecretAccessKey": "..."`, `aws configure set aws_secret_access_key ...`).
    // A value that is a reference ($VAR, $(aws ssm ...), {{ ... }}) is not a 40-character key and does not match.
    {
        what: "an AWS secret access key",
        pattern: new RegExp(`(?:${SECRET_KEY_NAME})["']?[ \\t]*(?:=>|[=:]|[ \\t])[ \\t]*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`, "gi"),
    },
    // PEM and OpenSSH private keys of any algorithm, encrypted or not, and PGP private key blocks.
    { what: "a private key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
    // A password given a literal value (trivy AVD-AWS-0029/AVD-AWS-0129's `export DATABASE_PASSWORD=...`):
    // shell (`PASSWORD=...`, `export DB_PASSWORD="..."`, `--password=...`), YAML/JSON (`password: ...`,
    // `"password": "..."`), INI/properties (`db.password = ...`) and `'password' => '...'`. The name may be
    // quoted, JSON-escaped (\"password\") too; the separator is =, :, := or =>.
    {
        what: "a password",
        pattern: new RegExp(String.raw`${PASSWORD_NAME}\\?["']?[ \t]*(?:=>|:=|=|:)[ \t]*${VALUE}`, "gi"),
        accept: match => isLiteralPassword(match[1]),
    },
    // A URL with a password in its user information, as database clients take them: postgres://user:pass@host,
    // mysql://, mongodb+srv://, redis://:pass@host, and any other scheme. The user may be empty (Redis).
    {
        what: "a connection string with a password",
        pattern: /(?<![\w+.-])[A-Za-z][\w+.-]*:\/\/[^\s:/@"'<>]*:([^\s/@"'<>]+)@/g,
        accept: match => isLiteralPassword(match[1]),
    },
];

/** The secrets in `text`: each kind at most once, with the line of its first occurrence, in detector order. */
export function findSecrets(text: string): SecretFinding[] {
    const findings: SecretFinding[] = [];
    for (const { what, pattern, accept } of DETECTORS) {
        pattern.lastIndex = 0;
        for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
            if (accept === undefined || accept(match)) {
                findings.push({ what, line: text.slice(0, match.index).split("\n").length });
                break;
            }
        }
    }
    return findings;
}

/** At most this much gunzipped user data is scanned (EC2 takes 16 KB of user data; a gzip bomb stops here). */
const MAX_GUNZIPPED_BYTES = 4 * 1024 * 1024;

/**
 * The texts to scan for one user data value: the value as written, then, when it is base64 (whitespace
 * ignored), its decoded bytes, gunzipped when they are gzip data. `how` says how a text was obtained, for
 * messages: "" (as written), "base64-decoded", "base64-decoded, gunzipped".
 */
export function userDataTexts(value: string): { text: string; how: string }[] {
    const texts = [{ text: value, how: "" }];
    const compact = value.replace(/\s+/g, "");
    if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
        return texts;
    }
    const bytes = Buffer.from(compact, "base64");
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
            texts.push({ text: gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES }).toString("utf8"), how: "base64-decoded, gunzipped" });
        } catch {
            // Not gzip after all, or larger than the limit: scan nothing more than the value itself.
        }
        return texts;
    }
    texts.push({ text: bytes.toString("utf8"), how: "base64-decoded" });
    return texts;
}
