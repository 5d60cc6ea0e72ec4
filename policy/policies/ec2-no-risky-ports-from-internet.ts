import { ResourceValidationPolicy } from "@pulumi/policy";
import { validateInternetIngress } from "../lib/internet-ingress";
import { includesPort, MAX_PORT, portsFor } from "../lib/ports";
import { configList } from "../lib/validation";

/**
 * The high-risk ports of AWS Security Hub control EC2.19 ("Security groups should not allow unrestricted
 * access to ports with high risk"): FTP, SSH, Telnet, SMTP, POP3, RPC, IMAP, SMB, SQL Server, dev servers,
 * MySQL, RDP, PostgreSQL, Kibana, HTTP proxies, Elasticsearch.
 */
export const EC2_19_HIGH_RISK_PORTS: readonly number[] = [
    20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601,
    8080, 8088, 8888, 9200, 9300,
];

const isPort = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_PORT;

/**
 * Reports ingress rules that open any configured port, over TCP, UDP or all protocols, to 0.0.0.0/0 or
 * ::/0. Config `ports` (default: the EC2.19 list). Same rule forms and unknown-value verdicts as
 * ec2-no-ssh-from-internet.
 */
export const ec2NoRiskyPortsFromInternet: ResourceValidationPolicy = {
    name: "ec2-no-risky-ports-from-internet",
    description:
        "Security groups should not open high-risk ports (databases, remote administration, file sharing, " +
        "mail, dev servers; default: the AWS Security Hub EC2.19 list) to the whole internet (0.0.0.0/0 or ::/0).",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            ports: {
                type: "array",
                items: { type: "integer", minimum: 0, maximum: MAX_PORT },
                default: [...EC2_19_HIGH_RISK_PORTS],
                description: "Ports (TCP or UDP) that must not be open to the internet.",
            },
        },
    },
    validateResource: validateInternetIngress((rule, args) => {
        const ports = configList(args, "ports", EC2_19_HIGH_RISK_PORTS, isPort);
        const open = [...new Set(ports)]
            .filter(p => (["tcp", "udp"] as const).some(t => includesPort(portsFor(t, rule.protocol, rule.fromPort, rule.toPort), p)))
            .sort((a, b) => a - b);
        return open.length === 0
            ? undefined
            : `opens high-risk port${open.length > 1 ? "s" : ""} ${open.join(", ")} to the internet. ` +
              "Restrict the source to trusted CIDRs, or put the service behind a load balancer or a VPN.";
    }),
};
