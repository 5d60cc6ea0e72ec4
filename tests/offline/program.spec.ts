import * as assert from "node:assert/strict";
import { runInStack } from "../../offline/program";

describe("offline/program", () => {
    describe("the filter of reported rejections", () => {
        it("is installed again by the next run after a host removed every unhandledRejection listener, and only once", async () => {
            const saved = process.listeners("unhandledRejection");
            try {
                process.removeAllListeners("unhandledRejection"); // what mocha's parallel worker does after each file
                await runInStack(() => undefined);
                await runInStack(() => undefined);
                assert.deepEqual(process.listeners("unhandledRejection").map(f => f.name), ["onUnhandledRejection"]);
            } finally {
                process.removeAllListeners("unhandledRejection");
                saved.forEach(l => process.on("unhandledRejection", l));
            }
        });
    });
});
