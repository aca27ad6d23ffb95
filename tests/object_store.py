"""A real S3-compatible server on loopback (moto in server mode), started by the tests: with
`DJANGO_FILE_STORE=s3` the site keeps its files in a bucket there, read back through the
S3 API. It can be stopped, as a store that is down."""

import boto3
from botocore.config import Config
from moto.server import ThreadedMotoServer

from tests.loopback import LoopbackServer

BUCKET = "inclusive-decisions-test"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
REGION = "eu-west-2"
# A store that is down is found out at once, not after boto3's retries.
QUICK = Config(connect_timeout=1, read_timeout=2, retries={"max_attempts": 1})


class ObjectStore(LoopbackServer):
    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def serve(self):
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        server.start()
        return server

    def client(self):
        return boto3.client(
            "s3", endpoint_url=self.endpoint, region_name=REGION, config=QUICK, **CREDENTIALS
        )

    def empty_bucket(self) -> None:
        client = self.client()
        existing = {b["Name"] for b in client.list_buckets()["Buckets"]}
        if BUCKET in existing:
            for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
                client.delete_object(Bucket=BUCKET, Key=item["Key"])
        else:
            client.create_bucket(
                Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
            )

    def keys(self) -> list[str]:
        listed = self.client().list_objects_v2(Bucket=BUCKET).get("Contents", [])
        return sorted(item["Key"] for item in listed)

    def storage_settings(self) -> dict:
        """What DJANGO_FILE_STORE=s3 sets, pointed at this server."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": self.endpoint,
                "region_name": REGION,
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
                "client_config": QUICK,
            },
        }
