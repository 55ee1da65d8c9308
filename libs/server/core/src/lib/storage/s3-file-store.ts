import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { PassThrough, Readable, Writable } from 'node:stream';
import { FileStore, StoredFile, checkKey } from './file-store';

export interface S3Settings {
  /** The endpoint, e.g. http://minio:9000 (path-style addressing: any S3-compatible server). */
  url: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

function isNotFound(error: unknown): boolean {
  const failed = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return failed.name === 'NoSuchKey' || failed.name === 'NotFound' || failed.name === 'NoSuchBucket' || failed.$metadata?.httpStatusCode === 404;
}

/**
 * Files in an S3-compatible bucket. Writes stream through a multipart `Upload`
 * (parts of 8 MiB, two in flight: memory stays flat whatever the size); an object
 * only becomes visible when the upload completes, and a failed write aborts it.
 */
export class S3FileStore extends FileStore {
  readonly kind = 's3' as const;
  readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    super();
    this.client = new S3Client({
      endpoint: settings.url,
      region: settings.region,
      forcePathStyle: true,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
    });
  }

  get bucket(): string {
    return this.settings.bucket;
  }

  /** Creates the bucket when it does not exist yet (a fresh MinIO); several processes may race, which is fine. */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket })).catch((created: { name?: string }) => {
        if (created.name !== 'BucketAlreadyOwnedByYou' && created.name !== 'BucketAlreadyExists') throw created;
      });
    }
  }

  async put<T>(key: string, write: (out: Writable) => Promise<T>): Promise<{ result: T; size: number }> {
    checkKey(key);
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
      leavePartsOnError: false,
    });
    const uploaded = upload.done();
    uploaded.catch(() => undefined);
    try {
      const [result] = await Promise.all([
        write(body).catch((error: unknown) => {
          body.destroy(error as Error);
          throw error;
        }),
        uploaded,
      ]);
      const size = await this.size(key);
      if (size === null) throw new Error(`the upload of ${key} completed but the object is not there`);
      return { result, size };
    } catch (error) {
      await upload.abort().catch(() => undefined);
      body.destroy();
      throw error;
    }
  }

  async open(key: string): Promise<StoredFile | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      if (!(object.Body instanceof Readable)) throw new Error(`the object ${key} came back without a readable body`);
      return { stream: object.Body, size: Number(object.ContentLength ?? 0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async size(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return Number(head.ContentLength ?? 0);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async deleteFolder(prefix: string): Promise<number> {
    const folder = `${checkKey(prefix)}/`;
    let deleted = 0;
    // Listing again after each batch (not paging on): the deleted keys are gone, what is left comes first.
    for (;;) {
      const listed = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: folder, MaxKeys: 1000 }));
      const keys = (listed.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (!keys.length) return deleted;
      const result = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }));
      if (result.Errors?.length) throw new Error(`could not delete ${result.Errors.length} file(s) under ${folder}: ${result.Errors[0].Message}`);
      deleted += keys.length;
    }
  }

  describe(): string {
    return `S3 bucket "${this.bucket}" at ${this.settings.url}`;
  }

  /** Closes the client's sockets. */
  close(): void {
    this.client.destroy();
  }
}
