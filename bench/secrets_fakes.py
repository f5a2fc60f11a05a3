"""Fake, real-shaped credentials for ironlaw's secret detectors (fixtures and the recall corpus).

Every value is generated from a seeded RNG: nothing here is a real key. Shapes follow the
public token formats (prefixes, lengths, alphabets); checksums are not computed.
"""

import base64
import json
import random
import string

ALNUM = string.ascii_letters + string.digits
UPPER_DIGIT = string.ascii_uppercase + string.digits
LOWER_DIGIT = string.ascii_lowercase + string.digits
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "_-"
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"


class Fakes:
    def __init__(self, seed=6):
        self.r = random.Random(seed)

    def s(self, alphabet, n):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def hex(self, n):
        return self.s(HEX, n)

    def b64bytes(self, n, urlsafe=False):
        raw = bytes(self.r.getrandbits(8) for _ in range(n))
        enc = base64.urlsafe_b64encode(raw) if urlsafe else base64.b64encode(raw)
        return enc.decode()

    # --- formats -------------------------------------------------------------------------
    def aws_key_id(self):
        return "AKIA" + self.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)

    def aws_secret(self):
        return self.s(ALNUM + "/+", 40)

    def aws_session(self):
        return "IQoJb3JpZ2luX2VjE" + self.s(ALNUM + "/+", 300)

    def pem(self, kind="RSA PRIVATE KEY", nbytes=600):
        body = self.b64bytes(nbytes)
        lines = [body[i : i + 64] for i in range(0, len(body), 64)]
        return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (kind, "\n".join(lines), kind)

    def openssh(self):
        return self.pem("OPENSSH PRIVATE KEY", 400)

    def github_pat(self):
        return "ghp_" + self.s(ALNUM, 36)

    def github_fine(self):
        return "github_pat_11" + self.s(UPPER_DIGIT, 20) + "_" + self.s(ALNUM, 59)

    def gho(self):
        return "gho_" + self.s(ALNUM, 36)

    def ghs(self):
        return "ghs_" + self.s(ALNUM, 36)

    def ghr(self):
        return "ghr_" + self.s(ALNUM, 76)

    def gcp_api(self):
        return "AIza" + self.s(URLSAFE, 35)

    def gcp_oauth(self):
        return "GOCSPX-" + self.s(URLSAFE, 28)

    def gcp_sa(self):
        key = self.pem("PRIVATE KEY", 900).replace("\n", "\\n")
        return json.dumps(
            {
                "type": "service_account",
                "project_id": "billing-prod-4821",
                "private_key_id": self.hex(40),
                "private_key": "KEY",
                "client_email": "deployer@billing-prod-4821.iam.gserviceaccount.com",
                "client_id": self.s(string.digits, 21),
                "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                "token_uri": "https://oauth2.googleapis.com/token",
            },
            indent=2,
        ).replace('"KEY"', '"' + key + '"')

    def azure_key(self):
        return self.b64bytes(64)

    def azure_sig(self):
        return self.b64bytes(32).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")

    def azure_ad(self):
        return self.s(ALNUM, 3) + str(self.r.randint(0, 9)) + "Q~" + self.s(ALNUM + "_~.-", 34)

    def digitalocean(self, kind="dop"):
        return "%s_v1_%s" % (kind, self.hex(64))

    def ltai(self):
        return "LTAI" + self.s(ALNUM, 20)

    def alibaba_secret(self):
        return self.s(ALNUM, 30)

    def glpat(self):
        return "glpat-" + self.s(URLSAFE, 20)

    def glrt(self):
        return "glrt-" + self.s(URLSAFE, 20)

    def gldt(self):
        return "gldt-" + self.s(URLSAFE, 20)

    def glptt(self):
        return "glptt-" + self.hex(40)

    def glagent(self):
        return "glagent-" + self.s(URLSAFE, 50)

    def atbb(self):
        return "ATBB" + self.s(ALNUM, 24) + self.s("0123456789ABCDEF", 8)

    def atatt(self):
        return "ATATT3" + self.s(URLSAFE, 186)

    def npm(self):
        return "npm_" + self.s(ALNUM, 36)

    def pypi(self):
        return "pypi-AgEIcHlwaS5vcmc" + self.s(URLSAFE, 150)

    def rubygems(self):
        return "rubygems_" + self.hex(48)

    def dckr(self):
        return "dckr_pat_" + self.s(URLSAFE, 27)

    def docker_auth(self, user="ci-push"):
        return base64.b64encode(("%s:%s" % (user, self.s(ALNUM, 24))).encode()).decode()

    def xoxb(self):
        return "xoxb-%s-%s-%s" % (self.s(string.digits, 12), self.s(string.digits, 13), self.s(ALNUM, 24))

    def xoxp(self):
        d = lambda: self.s(string.digits, 12)  # noqa: E731
        return "xoxp-%s-%s-%s-%s" % (d(), d(), d(), self.hex(32))

    def xapp(self):
        return "xapp-1-A%s-%s-%s" % (self.s(UPPER_DIGIT, 10), self.s(string.digits, 13), self.hex(64))

    def xoxa(self):
        return "xoxa-2-" + self.s(ALNUM, 60)

    def slack_hook(self):
        return "https://hooks.slack.com/services/T%s/B%s/%s" % (
            self.s(UPPER_DIGIT, 8),
            self.s(UPPER_DIGIT, 10),
            self.s(ALNUM, 24),
        )

    def sk_live(self):
        return "sk_live_" + self.s(ALNUM, 99)

    def rk_live(self):
        return "rk_live_" + self.s(ALNUM, 99)

    def twilio_sk(self):
        return "SK" + self.hex(32)

    def sendgrid(self):
        return "SG." + self.s(URLSAFE, 22) + "." + self.s(URLSAFE, 43)

    def mailgun(self):
        return "%s-%s-%s" % (self.hex(32), self.hex(8), self.hex(8))

    def nrak(self):
        return "NRAK-" + self.s(UPPER_DIGIT, 27)

    def nral(self):
        return self.hex(36) + "NRAL"

    def pagerduty(self):
        return "u+" + self.s(ALNUM, 18)

    def sentry_dsn(self):
        return "https://%s:%s@o%s.ingest.sentry.io/%s" % (
            self.hex(32),
            self.hex(32),
            self.s(string.digits, 6),
            self.s(string.digits, 7),
        )

    def sntryu(self):
        return "sntryu_" + self.hex(64)

    def shpat(self):
        return "shpat_" + self.hex(32)

    def openai(self):
        return "sk-proj-" + self.s(URLSAFE, 74) + "T3BlbkFJ" + self.s(URLSAFE, 74)

    def anthropic(self):
        return "sk-ant-api03-" + self.s(URLSAFE, 93) + "AA"

    def hvs(self):
        return "hvs.CAESI" + self.s(URLSAFE, 86)

    def tfc(self):
        return self.s(ALNUM, 14) + ".atlasv1." + self.s(URLSAFE, 67)

    def ppk(self):
        pub = self.b64bytes(270)
        prv = self.b64bytes(640)
        pl = [pub[i : i + 64] for i in range(0, len(pub), 64)]
        vl = [prv[i : i + 64] for i in range(0, len(prv), 64)]
        return (
            "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: deploy@build\n"
            "Public-Lines: %d\n%s\nPrivate-Lines: %d\n%s\nPrivate-MAC: %s\n"
            % (len(pl), "\n".join(pl), len(vl), "\n".join(vl), self.hex(64))
        )

    def age(self):
        return "AGE-SECRET-KEY-1" + self.s(BECH32, 58)

    def password(self, n=18):
        return self.s(ALNUM, n - 2) + self.r.choice("!_~^*") + self.s(string.digits, 1)

    def jwt(self, payload=None):
        def enc(obj):
            return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")

        payload = payload or {"sub": "svc-" + self.s(LOWER_DIGIT, 8), "iat": 1767225600, "role": "service"}
        sig = self.b64bytes(32, urlsafe=True).rstrip("=")
        return enc({"alg": "HS256", "typ": "JWT"}) + "." + enc(payload) + "." + sig

    def client_key_data(self):
        return base64.b64encode(self.pem("RSA PRIVATE KEY", 300).encode()).decode()

    def sa_token(self):
        return self.jwt({"iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:ci:deployer"})

    def generic(self, n=24):
        return self.s(ALNUM, n - 3) + self.r.choice("!_%") + self.s(string.digits, 2)
