import { Testing } from "cdktf";

// Adds toHaveResource, toHaveResourceWithProperties, toHaveDataSourceWithProperties, ... to expect().
Testing.setupJest();
