// policy/lib/user-data.ts: finding credentials in EC2 user data (findSecrets: AWS access key IDs, secret access keys
// next to their names, private key blocks, literal passwords, connection strings with a password; each kind once, with
// its first line, never the secret itself) and the texts to scan for a value (userDataTexts: as written, base64-decoded,
// gunzipped).
import * as assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { findSecrets, userDataTexts } from "../../../policy/lib/user-data";

// AWS's documentation example credentials, split so that secret scanners do not flag this file.
const KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
const CLOUD_INIT = "#!/bin/bash\ndnf install -y nginx\nsystemctl enable --now nginx\n";
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const gzb64 = (text: string) => gzipSync(Buffer.from(text, "utf8")).toString("base64");

const ACCESS_KEY = "an AWS access key ID";
const SECRET_KEY = "an AWS secret access key";
const PRIVATE_KEY = "a private key";
const PASSWORD = "a password";
const CONNECTION = "a connection string with a password";

/** The kinds findSecrets reports for `text`, each with its line. */
const found = (text: string) => findSecrets(text).map(f => `${f.what} (line ${f.line})`);

describe("policy/lib/user-data", () => {
    describe("findSecrets", () => {
        it("nothing in user data without credentials, or in none", () => {
            assert.deepEqual(findSecrets(CLOUD_INIT), []);
            assert.deepEqual(findSecrets(""), []);
        });

        it("reports the kind and the line only, never the secret", () => {
            assert.deepEqual(findSecrets(`${CLOUD_INIT}export AWS_ACCESS_KEY_ID=${KEY_ID}\n`), [{ what: ACCESS_KEY, line: 4 }]);
        });

        it("each kind once, at its first line, in detector order rather than line order", () => {
            const text = `DB_PASSWORD=hunter2\n${KEY_ID}\n-----BEGIN RSA PRIVATE KEY-----\n${KEY_ID}\npostgres://app:s3cr3t@db/app\naws_secret_access_key = ${SECRET}\n`;
            assert.deepEqual(found(text), [`${ACCESS_KEY} (line 2)`, `${SECRET_KEY} (line 6)`, `${PRIVATE_KEY} (line 3)`, `${PASSWORD} (line 1)`, `${CONNECTION} (line 5)`]);
        });

        it("counts lines of CRLF text as lines", () => {
            assert.deepEqual(found(`#!/bin/bash\r\necho hi\r\nexport AWS_ACCESS_KEY_ID=${KEY_ID}\r\n`), [`${ACCESS_KEY} (line 3)`]);
        });

        describe("AWS access key IDs", () => {
            it("long-term (AKIA), temporary (ASIA), bearer token (ABIA) and context-specific (ACCA) IDs", () => {
                for (const prefix of ["AKIA", "ASIA", "ABIA", "ACCA"]) {
                    assert.deepEqual(found(`key=${prefix}IOSFODNN7EXAMPLE`), [`${ACCESS_KEY} (line 1)`], prefix);
                }
            });
            it("not other unique ID prefixes (users, roles), lower case, a longer token or a shorter one", () => {
                for (const text of ["AIDAIOSFODNN7EXAMPLE", "AROAIOSFODNN7EXAMPLE", KEY_ID.toLowerCase(), `X${KEY_ID}`, `${KEY_ID}1`, KEY_ID.slice(0, -1)]) {
                    assert.deepEqual(found(text), [], text);
                }
            });
        });

        describe("AWS secret access keys", () => {
            it("40 characters right after one of their names: credentials file, shell, JSON, YAML, aws configure, =>", () => {
                for (const text of [
                    `[default]\naws_secret_access_key = ${SECRET}`,
                    `export AWS_SECRET_ACCESS_KEY="${SECRET}"`,
                    `{"AccessKeyId": "x", "SecretAccessKey": "${SECRET}"}`,
                    `secret_access_key: '${SECRET}'`,
                    `aws configure set aws_secret_access_key ${SECRET}`,
                    `aws-secret-key: ${SECRET}`,
                    `'AWS_SECRET_KEY' => '${SECRET}'`,
                ]) {
                    assert.deepEqual(found(text), [`${SECRET_KEY} (line ${text.split("\n").length})`], text);
                }
            });
            it("not without a name, not 39 or 41 characters, not a reference", () => {
                for (const text of [
                    `secret=${SECRET}`,
                    `aws_secret_access_key=${SECRET.slice(0, -1)}`,
                    `aws_secret_access_key=${SECRET}X`,
                    "export AWS_SECRET_ACCESS_KEY=$(aws ssm get-parameter --name /app/key --with-decryption --query Parameter.Value --output text)",
                    "aws_secret_access_key = {{ resolve:secretsmanager:app }}",
                ]) {
                    assert.deepEqual(found(text), [], text);
                }
            });
        });

        describe("private keys", () => {
            it("PEM and OpenSSH private keys of any algorithm, encrypted or not, and PGP private key blocks", () => {
                for (const label of ["RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"]) {
                    assert.deepEqual(found(`cat > /root/key <<EOF\n-----BEGIN ${label}-----\nMIIEowIBAAKCAQEAx\n-----END ${label}-----\nEOF`), [`${PRIVATE_KEY} (line 2)`], label);
                }
            });
            it("not public keys, certificates or SSH public key lines", () => {
                assert.deepEqual(found("-----BEGIN PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\n-----BEGIN PGP PUBLIC KEY BLOCK-----\nssh-ed25519 AAAAC3Nza admin"), []);
            });
        });

        describe("passwords", () => {
            it("a name that is or ends in password/passwd given a literal value, in shell, YAML, JSON, INI, PHP and CLI flags", () => {
                for (const text of [
                    "PASSWORD=hunter2",
                    'export DB_PASSWORD="s3cr3t"',
                    "MYSQL_ROOT_PASSWORD=R00t-2024 docker-entrypoint.sh",
                    "PGPASSWORD=s3cr3t psql -h db",
                    "mysqladmin --password=s3cr3t status",
                    "password: hunter2 # admin",
                    '{"user": "app", "password": "hunter2"}',
                    '{\\"password\\": \\"hunter2\\"}',
                    "db.password = s3cr3t",
                    "'password' => 'hunter2'",
                    "password:=hunter2",
                    "plain_text_passwd: hunter2",
                    'password: "true"',
                    "PASSWORD=Pa$$w0rd",
                    "PASSWORD=s3cr3t;",
                ]) {
                    assert.deepEqual(found(text), [`${PASSWORD} (line 1)`], text);
                }
            });
            it("not names that only start with password, nor variables being read", () => {
                for (const text of ["PASSWORD_FILE=/run/secrets/db", "PasswordAuthentication no", "PermitEmptyPasswords no", "echo $PASSWORD=x", "${PASSWORD:-x}"]) {
                    assert.deepEqual(found(text), [], text);
                }
            });
            it("not values that refer to a password: variables, commands, templates, placeholders, aliases, code", () => {
                for (const text of [
                    "PASSWORD=$DB_PASSWORD",
                    'PASSWORD="${DB_PASSWORD}"',
                    "PASSWORD=$(aws ssm get-parameter --name /db --with-decryption)",
                    "password=`cat /run/secrets/db`",
                    "password: '{{ db_password }}'",
                    "password: <%= @password %>",
                    "password: %s",
                    "password: <password>",
                    "password: ***",
                    "password: *db_password",
                    'password = os.environ["DB_PASSWORD"]',
                    "password = getpass()",
                    "password: config.get('db')",
                ]) {
                    assert.deepEqual(found(text), [], text);
                }
            });
            it("not empty values, YAML nulls and booleans, or a prompt", () => {
                for (const text of ['PASSWORD=""', "PASSWORD=", "password: null", "lock_passwd: true", "lock_passwd: false", 'read -p "Enter password: " PW']) {
                    assert.deepEqual(found(text), [], text);
                }
            });
            it("a literal after a rejected reference on the same line is still found", () => {
                assert.deepEqual(found('echo "Enter password: " && PASSWORD=hunter2'), [`${PASSWORD} (line 1)`]);
                assert.deepEqual(found('password="$X" other_password="hunter2"'), [`${PASSWORD} (line 1)`]);
            });
        });

        describe("connection strings", () => {
            it("a URL with a password in its user information, for any scheme, the user may be empty", () => {
                for (const text of [
                    "DATABASE_URL=postgres://app:s3cr3t@db.internal:5432/app",
                    "mysql://root:s3cr3t@db/app",
                    "mongodb+srv://app:s3cr3t@cluster0.example.net/",
                    "redis://:s3cr3t@cache:6379",
                    "jdbc:mysql://root:s3cr3t@db:3306/app",
                ]) {
                    assert.deepEqual(found(text), [`${CONNECTION} (line 1)`], text);
                }
            });
            it("not URLs without a password, with a port only, or with a reference for the password", () => {
                for (const text of ["https://example.com:443/path", "ssh://git@github.com:22/org/repo", "http://user:@host/", "postgres://app:${DB_PASSWORD}@db/app", "postgres://app:$PW@db/app"]) {
                    assert.deepEqual(found(text), [], text);
                }
            });
        });
    });

    describe("userDataTexts", () => {
        it("plain text is scanned as written only", () => {
            assert.deepEqual(userDataTexts(CLOUD_INIT), [{ text: CLOUD_INIT, how: "" }]);
        });

        it("base64 is scanned as written and decoded, line breaks in the base64 ignored", () => {
            const encoded = b64(CLOUD_INIT);
            assert.deepEqual(userDataTexts(encoded), [{ text: encoded, how: "" }, { text: CLOUD_INIT, how: "base64-decoded" }]);
            const long = `${CLOUD_INIT}${"echo padding\n".repeat(10)}`;
            const wrapped = b64(long).replace(/(.{76})/g, "$1\n");
            assert.ok(wrapped.includes("\n"));
            assert.deepEqual(userDataTexts(wrapped), [{ text: wrapped, how: "" }, { text: long, how: "base64-decoded" }]);
        });

        it("gzip in base64 is scanned as written and gunzipped, not as decoded gzip bytes", () => {
            const encoded = gzb64(CLOUD_INIT);
            assert.deepEqual(userDataTexts(encoded), [{ text: encoded, how: "" }, { text: CLOUD_INIT, how: "base64-decoded, gunzipped" }]);
        });

        it("a secret at the end of 3 MiB of gunzipped text (what 16 KB of gzip can hold) is still scanned", () => {
            const text = `${" ".repeat(3 * 1024 * 1024)}\nexport AWS_ACCESS_KEY_ID=${KEY_ID}\n`;
            const texts = userDataTexts(gzb64(text));
            assert.deepEqual(texts.map(t => t.how), ["", "base64-decoded, gunzipped"]);
            assert.equal(texts[1].text, text);
            assert.deepEqual(findSecrets(texts[1].text), [{ what: ACCESS_KEY, line: 2 }]);
        });

        it("what only looks like gzip (its magic number, then garbage) is scanned as written only", () => {
            assert.deepEqual(userDataTexts("H4sIAAAA"), [{ text: "H4sIAAAA", how: "" }]);
        });

        it("not base64: unpadded, URL-safe alphabet, other characters, empty or white space", () => {
            for (const value of ["YQ", "YWJj-_8=", "YWJj!", "", "   ", "YQ==YQ=="]) {
                assert.deepEqual(userDataTexts(value), [{ text: value, how: "" }], JSON.stringify(value));
            }
        });
    });
});
