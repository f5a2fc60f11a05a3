#tfsec:ignore:aws-ec2-no-public-ingress-sgr
resource "aws_security_group" "bastion" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "legacy" {
  #checkov:skip=CKV_AWS_25:legacy jump host, removed in Q3
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "db" {
  type        = "ingress"
  from_port   = 22
  to_port     = 22
  protocol    = "tcp"
  cidr_blocks = ["0.0.0.0/0"] # trivy:ignore:AVD-AWS-0107:exp:2099-01-01
}

// ironlaw:ignore[TF030] public test database, no data
resource "aws_vpc_security_group_ingress_rule" "all" {
  cidr_ipv4   = "0.0.0.0/0"
  ip_protocol = "-1"
}
