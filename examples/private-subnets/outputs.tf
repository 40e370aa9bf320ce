output "vpc_id" {
  description = "The runners' VPC."
  value       = aws_vpc.runners.id
}

output "private_subnet_ids" {
  description = "Subnets to launch runners in."
  value       = [for s in aws_subnet.private : s.id]
}

output "endpoint_ids" {
  description = "ECR and S3 endpoint ids by service."
  value       = module.endpoints.endpoint_ids
}
