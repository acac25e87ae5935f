import { configure } from "@testing-library/react";

// findBy*/waitFor wait 1 s by default; on a loaded 2-core CI machine a render can take longer.
configure({ asyncUtilTimeout: 10_000 });
