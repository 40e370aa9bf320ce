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

output "runner_environment" {
  description = "Environment for runner jobs: the registry host they pull through."
  value       = module.runner.runner_environment
}

output "runner_policy_json" {
  description = "Attach this policy to the runners' role."
  value       = module.runner.policy_json
}
