/**
 * Entry point of the simulated providers: `pulumi-resource-aws` and `pulumi-resource-tls` (offline/provider/bin)
 * run this with the package name. They report the version of the SDK package the program uses, so the engine
 * takes them for the plugins that package asks for.
 */
import { SimAws } from "./aws";
import { serve } from "./server";
import { SimTls } from "./tls";

const version = (name: string): string => require(`@pulumi/${name}/package.json`).version;

if (require.main === module) {
    const pkg = process.argv[2];
    if (pkg === "aws") {
        serve(new SimAws(version("aws")));
    } else if (pkg === "tls") {
        serve(new SimTls(version("tls")));
    } else {
        process.stderr.write(`usage: main.ts aws|tls <engine address>; got ${JSON.stringify(pkg)}\n`);
        process.exit(2);
    }
}
