module github.com/example/fixture-service

go 1.21

toolchain go1.21.6

require (
	github.com/gin-gonic/gin v1.9.0
	golang.org/x/net v0.17.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/bytedance/sonic v1.9.1 // indirect
	golang.org/x/text v0.13.0 // indirect
)

require github.com/google/uuid v1.6.0

replace github.com/example/internal => ../internal

exclude golang.org/x/net v0.0.1
