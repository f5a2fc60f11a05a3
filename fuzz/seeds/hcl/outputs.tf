output "db_password" {
  value     = aws_db_instance.db.password
  sensitive = true
}

output "endpoint" {
  value = aws_db_instance.db.endpoint
}

output "db_secret_arn" {
  value = aws_secretsmanager_secret.db.arn
}

output "names" {
  value = [for u in aws_iam_user.all : u.name]
}
