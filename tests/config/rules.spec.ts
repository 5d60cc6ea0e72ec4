import { RULE_CASES } from "./cases/rules";
import { rejectsEach } from "./helpers";

describe("config/rules", () => {
    rejectsEach(RULE_CASES);
});
