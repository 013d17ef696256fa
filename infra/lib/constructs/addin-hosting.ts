import { existsSync } from 'node:fs';
import {
  Annotations,
  Aws,
  type CfnElement,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  type CfnDistribution,
  Distribution,
  OriginRequestPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { ReportingConfig } from '../config';

export interface AddinHostingProps {
  readonly config: ReportingConfig;
  /** Absolute path of the built add-in (addin/dist); uploaded when it exists. */
  readonly addinDistPath: string;
}

/** Path prefix of the add-in's files, the same as the local stack's (`/addin/taskpane.html`). */
export const ADDIN_PREFIX = 'addin';

/**
 * The add-in's static files in a private S3 bucket, served by CloudFront (origin access control, or
 * the older origin access identity where OAC does not exist: the China regions).
 * With a custom domain, CloudFront also forwards `/api/*` to the HTTP API (see `routeApi`).
 */
export class AddinHosting extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<domain>` of the add-in, for CORS, the manifest and reminder links. */
  readonly origin: string;
  readonly domainName: string;
  readonly uploaded: boolean;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: AddinHostingProps,
  ) {
    super(scope, id);
    const { config } = props;

    // Access logs of the bucket and the distribution. RETAIN: logs outlive a tear-down (audit).
    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs, which need object-writer ownership.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge(
      ...[
        {
          id: 'AwsSolutions-S1',
          reason: 'This is the access-log bucket; logging it into itself would loop.',
        },
      ],
    );

    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      // Only build output lives here (rebuilt by `npm run build:addin`): safe to delete with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const s3Origin =
      config.addinOriginAccess === 'oac'
        ? S3BucketOrigin.withOriginAccessControl(this.bucket)
        : S3BucketOrigin.withOriginAccessIdentity(this.bucket);

    const customDomain = config.addinDomainName;
    const acm =
      customDomain !== undefined && config.addinCertificateArn !== undefined
        ? Certificate.fromCertificateArn(this, 'Certificate', config.addinCertificateArn)
        : undefined;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Rule-of-law reporting add-in',
      defaultBehavior: {
        origin: s3Origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      },
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(acm !== undefined && customDomain !== undefined
        ? {
            domainNames: [customDomain],
            certificate: acm,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    if (customDomain !== undefined && acm === undefined) {
      if (config.addinIamCertificateId === undefined) {
        throw new Error(
          `context addinDomainName=${customDomain} needs addinCertificateArn (ACM, us-east-1) or, in the China regions, addinIamCertificateId`,
        );
      }
      // CloudFront in the China regions cannot use ACM: the certificate is an IAM server certificate,
      // which the L2 construct does not model.
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [customDomain]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: config.addinIamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'TLSv1.2_2021 is set by the property override above (IAM certificate), which cdk-nag cannot see.',
      });
    }

    if (customDomain === undefined && Stack.of(this).region.startsWith('cn-')) {
      Annotations.of(this).addWarning(
        'China regions: CloudFront serves only an ICP-filed custom domain; set addinDomainName and addinIamCertificateId.',
      );
    }
    this.domainName = customDomain ?? this.distribution.distributionDomainName;
    this.origin = `https://${this.domainName}`;

    Validations.of(this.distribution).acknowledge(
      ...[
        {
          id: 'AwsSolutions-CFR1',
          reason: 'Users are in mainland China but travel; the API enforces who may do what, not geography.',
        },
        {
          id: 'AwsSolutions-CFR2',
          reason:
            'WAF web ACL costs a fixed monthly fee (idle cost goal); the API is JWT-protected and throttled.',
        },
        ...(customDomain === undefined
          ? [
              {
                id: 'AwsSolutions-CFR4',
                reason:
                  'Without a custom domain CloudFront uses its default certificate, whose TLS policy cannot be ' +
                  'raised; set addinDomainName + certificate for TLSv1.2_2021 (done when configured).',
              },
            ]
          : []),
        ...(config.addinOriginAccess === 'oai'
          ? [
              {
                id: 'AwsSolutions-CFR7',
                reason:
                  'Origin access control is not available in this partition (China); OAI is used instead.',
              },
            ]
          : []),
      ],
    );

    if (existsSync(props.addinDistPath)) {
      const upload = new BucketDeployment(this, 'Upload', {
        sources: [Source.asset(props.addinDistPath)],
        destinationBucket: this.bucket,
        destinationKeyPrefix: `${ADDIN_PREFIX}/`,
        // The local-stack manifest points at https://localhost:3000; only manifest.deployed.xml belongs here.
        exclude: ['manifest.xml'],
        distribution: this.distribution,
        distributionPaths: [`/${ADDIN_PREFIX}/*`],
        memoryLimit: 512,
      });
      // The upload provider's policy is aws-cdk-lib's fixed template: read the CDK asset bucket, write
      // (and prune) this bucket, invalidate this distribution.
      const stack = Stack.of(this);
      const filesBucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
      const findings = [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        'Resource::*',
        `Resource::<${filesBucket}.Arn>/*`,
        `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${orPseudo(stack.account, 'AccountId')}-${orPseudo(stack.region, 'Region')}/*`,
      ];
      Validations.of(upload.handlerRole).acknowledge(
        ...findings.map((finding) => ({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason:
            'BucketDeployment provider (aws-cdk-lib): copies the add-in from the CDK asset bucket into this ' +
            'bucket only, and invalidates this distribution (CloudFront has no resource-level ARN for that).',
        })),
      );
      this.uploaded = true;
    } else {
      Annotations.of(this).addWarning(
        `${props.addinDistPath} not found: the add-in files are not uploaded. Run \`npm run build:addin\` and deploy again.`,
      );
      this.uploaded = false;
    }
  }

  /**
   * Forwards `/api/*` on the add-in's custom domain to the HTTP API (no caching; every header but
   * Host), so a pane built with an empty ADDIN_API_BASE_URL calls its own origin. Needed in the China
   * regions, where the default execute-api endpoint is not publicly reachable without ICP filing.
   * Only with a custom domain: otherwise the API's CORS origin (this distribution's generated domain)
   * and this behaviour (the API's id) would depend on each other, a cycle CloudFormation rejects.
   */
  routeApi(api: HttpApi): boolean {
    if (this.props.config.addinDomainName === undefined) return false;
    const apiDomain = Fn.join('', [api.apiId, '.execute-api.', Stack.of(this).region, '.', Aws.URL_SUFFIX]);
    this.distribution.addBehavior('/api/*', new HttpOrigin(apiDomain), {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    });
    return true;
  }
}

/** A known account/region as is, an unresolved one as cdk-nag prints it (`<AWS::AccountId>`). */
function orPseudo(value: string, pseudo: 'AccountId' | 'Region'): string {
  return Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value;
}
