package render

import "kiosk/model/modeltest"

var article = modeltest.Article
