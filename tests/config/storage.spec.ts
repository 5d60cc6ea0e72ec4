import { STORAGE_CASES } from "./cases/storage";
import { rejectsEach } from "./helpers";

describe("config/storage", () => {
    rejectsEach(STORAGE_CASES);
});
