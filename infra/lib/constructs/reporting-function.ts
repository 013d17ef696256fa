import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ReportingFunctionProps {
  /** Absolute path of the handler's TypeScript entry (exports `handler`). */
  readonly entry: string;
  readonly runtime: 'nodejs22.x' | 'nodejs24.x';
  readonly logRetention: RetentionDays;
  readonly environment: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly description: string;
}

/**
 * One Lambda function with the project's defaults set once (STYLE.md: bundled by local esbuild as
 * minified ESM with source maps, arm64, its own log group with a retention). Grants are added by the
 * caller, per function.
 */
export class ReportingFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ReportingFunctionProps) {
    super(scope, id);
    const projectRoot = findProjectRoot(props.entry);
    // An explicit log group (not `logRetention`) avoids the extra custom-resource Lambda that sets
    // retention after the fact. RETAIN: the logs are the audit trail of who submitted what, and must
    // outlive a tear-down until their retention runs out.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Own role instead of the AWSLambdaBasicExecutionRole managed policy: it may write to its own log
    // group only (the managed policy allows every log group in the account).
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);
    this.fn = new NodejsFunction(this, 'Function', {
      role,
      entry: props.entry,
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      handler: 'handler',
      runtime: props.runtime === 'nodejs22.x' ? Runtime.NODEJS_22_X : Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      logGroup: this.logGroup,
      // Stack traces in the logs point at the TypeScript sources (the bundle ships its .map).
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.EXTERNAL,
        sourcesContent: false,
        // The SDK is bundled (pinned to package-lock) instead of taking whatever version the runtime
        // ships; the same choice as scripts/build-lambdas.ts so the benchmark measures what deploys.
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        // Some bundled CommonJS dependencies call require() on Node built-ins, which ESM lacks.
        banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
        // Never fall back to Docker (there is none on the build machines); local esbuild is a devDependency.
        forceDockerBundling: false,
      },
    });
  }
}

/**
 * The package the handler belongs to (nearest folder with a package-lock.json): esbuild resolves the
 * handler's dependencies there, whatever the current directory of `cdk synth` is.
 */
function findProjectRoot(entry: string): string {
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package-lock.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package-lock.json above ${entry}`);
  }
}
