//go:build tools

// Package tools pins the Pulumi CLI that `npm run pulumi:build` builds (tools/pulumi-build.ts): go.mod requires
// it at the version of @pulumi/pulumi in package.json, and go.sum fixes every module it is built from.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
