resource "random_password" "db" {
  length = 24
}

resource "aws_db_instance" "db" {
  engine                      = "postgres"
  username                    = "app"
  password                    = random_password.db.result
  manage_master_user_password = null
}

resource "aws_rds_cluster" "c" {
  master_username             = "app"
  manage_master_user_password = true
}

resource "aws_iam_user_login_profile" "u" {
  user                    = "alice"
  password_length         = 20
  password_reset_required = true
}

resource "aws_db_instance" "from_var" {
  password = var.db_password
}

resource "aws_elasticache_replication_group" "r" {
  auth_token = "${var.prefix}-${random_password.db.result}"

  dynamic "log_delivery_configuration" {
    for_each = var.logs
    content {
      destination = each.value
    }
  }
}

data "aws_db_instance" "existing" {
  db_instance_identifier = "legacy"
}

resource "aws_secretsmanager_secret" "s" {
  name = "db-password"
}
