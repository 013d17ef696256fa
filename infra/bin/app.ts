#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from '../lib/config';
import { ReportingStack } from '../lib/reporting-stack';

// `cdk deploy` sets CDK_DEFAULT_ACCOUNT/REGION from the profile; `-c region=cn-north-1` pins the
// region offline (the China defaults - no SES, OAI - are chosen from it at synth time).
const app = new App();
const region = (app.node.tryGetContext('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION;
const account = process.env.CDK_DEFAULT_ACCOUNT;
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'LegalReporting';

new ReportingStack(app, stackName, {
  env: region !== undefined ? { region, account } : undefined,
  config: readConfig(app.node, region),
  description: 'Rule-of-law monthly reporting: Excel add-in hosting, HTTP API, DynamoDB, reminders',
});

// cdk-nag 3 runs as a policy-validation plugin: any unacknowledged finding stops the synth. Each
// acknowledgement sits next to its resource with its reason (Validations.of(x).acknowledge).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
