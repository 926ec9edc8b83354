import { Testing } from "cdktf";
// Declares the matchers below on jest's `expect` for the type-checker.
import "cdktf/lib/testing/adapters/jest";

// Adds toHaveResource, toHaveResourceWithProperties, toHaveDataSourceWithProperties, ... to expect().
Testing.setupJest();
